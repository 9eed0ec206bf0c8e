/**
 * Webhook delivery, as Stripe does it:
 * - platform events (no `account`) go to platform endpoints, signed with the platform secret;
 *   connected-account events go to Connect endpoints, signed with the Connect secret;
 * - `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<payload>")>`;
 * - an endpoint gets only the event types in its `enabled_events` (`*` = all), and each payload is rendered for
 *   the endpoint's `api_version` (Stripe: "Events sent to this endpoint will be generated with this Stripe
 *   Version"; the emulator stamps the version, object shapes stay the pinned version's);
 * - a non-2xx answer or a timeout is retried on `retrySchedule`, then the delivery is marked failed.
 * Deliveries to one endpoint go one at a time, in order (a per-endpoint promise chain), so tests and the
 * app see a deterministic order unless they ask for disorder (pause + resume "reverse"/"shuffle").
 */
import { createHmac } from "node:crypto";
import type Stripe from "stripe";
import type { Emulator } from "./emulator";
import { newId, type Delivery } from "./state";

export interface Endpoint {
  id: string;
  url: string;
  secret: string;
  connect: boolean;
  /** Only for Connect endpoints: deliver only events of these accounts. */
  accounts?: string[];
  /** Event types delivered here; `["*"]` subscribes to all. */
  enabled_events: string[];
  /** The version payloads are rendered at; null = the account's default (the pinned version). */
  api_version: string | null;
  status: "enabled" | "disabled";
  created: number;
  description: string | null;
  metadata: Record<string, string>;
  builtin: boolean;
}

export type EndpointSpec = Pick<Endpoint, "url" | "secret" | "connect" | "accounts"> &
  Partial<Pick<Endpoint, "enabled_events" | "api_version" | "description" | "metadata">>;

/** Whether the endpoint subscribes to this event type (Stripe's `enabled_events`, `*` = every type). */
export function subscribes(endpoint: Pick<Endpoint, "enabled_events">, type: string): boolean {
  return endpoint.enabled_events.includes("*") || endpoint.enabled_events.includes(type);
}

/** The event as this endpoint receives it: stamped with the endpoint's API version. */
export function renderFor(endpoint: Pick<Endpoint, "api_version">, event: Stripe.Event): Stripe.Event {
  return endpoint.api_version ? { ...event, api_version: endpoint.api_version } : event;
}

export type ResumeOrder = "fifo" | "reverse" | "shuffle";

/** The exact header Stripe sends; `stripe.webhooks.constructEvent` verifies it. */
export function signatureHeader(
  payload: string,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
): string {
  const v1 = createHmac("sha256", secret).update(`${timestamp}.${payload}`).digest("hex");
  return `t=${timestamp},v1=${v1}`;
}

/** Stripe sends events pretty-printed; the signature covers these exact bytes. */
export function eventPayload(event: Stripe.Event): string {
  return JSON.stringify(event, null, 2);
}

export class WebhookDispatcher {
  private all: Endpoint[];
  private paused = false;
  private readonly chains = new Map<string, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly aborter = new AbortController();
  private closed = false;

  /**
   * The two endpoints configured by options (same URL, two secrets, the events and version whoever
   * started the emulator subscribed them to), then any added through the API or the control API.
   */
  constructor(private readonly em: Emulator) {
    const o = em.options;
    const builtin = (id: string, secret: string, connect: boolean, events: string[]): Endpoint => ({
      ...this.fill({
        url: o.webhookUrl ?? "",
        secret,
        connect,
        enabled_events: events,
        api_version: o.webhookApiVersion,
      }),
      id,
      builtin: true,
    });
    this.all = o.webhookUrl
      ? [
          builtin("we_platform", o.platformWebhookSecret, false, o.platformEvents),
          builtin("we_connect", o.connectWebhookSecret, true, o.connectEvents),
        ]
      : [];
  }

  private fill(spec: EndpointSpec): Omit<Endpoint, "id" | "builtin"> {
    return {
      url: spec.url,
      secret: spec.secret,
      connect: spec.connect,
      ...(spec.accounts ? { accounts: spec.accounts } : {}),
      enabled_events: spec.enabled_events ?? ["*"],
      api_version: spec.api_version ?? null,
      status: "enabled",
      created: this.em.now(),
      description: spec.description ?? null,
      metadata: spec.metadata ?? {},
    };
  }

  endpoints(): Endpoint[] {
    return this.all;
  }

  addEndpoint(spec: EndpointSpec): Endpoint {
    const endpoint: Endpoint = { ...this.fill(spec), id: newId("we"), builtin: false };
    this.all.push(endpoint);
    return endpoint;
  }

  /** Removes an endpoint; the built-in two only when `builtin` allows it (the REST API may, the control API not). */
  removeEndpoint(id: string, { builtin = false }: { builtin?: boolean } = {}): boolean {
    const before = this.all.length;
    this.all = this.all.filter((e) => e.id !== id || (e.builtin && !builtin));
    return this.all.length < before;
  }

  isPaused(): boolean {
    return this.paused;
  }

  private matches(endpoint: Endpoint, event: Stripe.Event): boolean {
    if (endpoint.status !== "enabled" || !subscribes(endpoint, event.type)) return false;
    if (event.account === undefined) return !endpoint.connect;
    if (!endpoint.connect) return false;
    return endpoint.accounts === undefined || endpoint.accounts.includes(event.account);
  }

  /** Creates one delivery per matching endpoint; returns how many (Stripe's `pending_webhooks`). */
  enqueue(event: Stripe.Event, copies = 1): number {
    let count = 0;
    for (const endpoint of this.endpoints()) {
      if (!this.matches(endpoint, event)) continue;
      for (let i = 0; i < copies; i++) {
        const delivery: Delivery = {
          id: newId("whdel"),
          event: event.id,
          event_type: event.type,
          endpoint: endpoint.id,
          url: endpoint.url,
          status: this.paused ? "held" : "pending",
          attempts: [],
          next_attempt_at: this.paused ? null : Date.now(),
          created: Date.now(),
        };
        this.em.store.deliveries.push(delivery);
        if (!this.paused) this.run(delivery);
        count++;
      }
    }
    return count;
  }

  pause(): void {
    this.paused = true;
  }

  /** Sends everything held, in the requested order — the way to produce out-of-order delivery on purpose. */
  resume(order: ResumeOrder = "fifo"): number {
    this.paused = false;
    const held = this.em.store.deliveries.filter((d) => d.status === "held");
    if (order === "reverse") held.reverse();
    if (order === "shuffle") {
      for (let i = held.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [held[i], held[j]] = [held[j] as Delivery, held[i] as Delivery];
      }
    }
    for (const d of held) {
      d.status = "pending";
      d.next_attempt_at = Date.now();
      this.run(d);
    }
    return held.length;
  }

  /** After loading a snapshot: deliveries that were pending when the process stopped are tried again. */
  resumeAfterRestart(): void {
    for (const d of this.em.store.deliveries) {
      if (d.status !== "pending" && d.status !== "in_flight") continue;
      d.status = "pending";
      if (!this.endpoints().some((e) => e.id === d.endpoint)) {
        d.status = "failed"; // its endpoint was a test endpoint that no longer exists
        d.next_attempt_at = null;
        continue;
      }
      this.schedule(d, Math.max(0, (d.next_attempt_at ?? Date.now()) - Date.now()));
    }
  }

  private schedule(delivery: Delivery, delayMs: number): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.paused) {
        delivery.status = "held"; // a retry falling due while paused waits for resume like new events
        delivery.next_attempt_at = null;
        return;
      }
      this.run(delivery);
    }, delayMs);
    this.timers.add(timer);
  }

  private run(delivery: Delivery): void {
    const previous = this.chains.get(delivery.endpoint) ?? Promise.resolve();
    const next = previous
      .then(() => this.attempt(delivery))
      .catch((err: unknown) => {
        console.error(`stripe emulator: webhook delivery ${delivery.id} crashed: ${String(err)}`);
      });
    this.chains.set(delivery.endpoint, next);
  }

  private async attempt(delivery: Delivery): Promise<void> {
    if (this.closed) return;
    const endpoint = this.endpoints().find((e) => e.id === delivery.endpoint);
    const event = this.em.store.events.find((e) => e.id === delivery.event);
    if (!endpoint || !event) {
      delivery.status = "failed";
      delivery.next_attempt_at = null;
      return;
    }
    delivery.status = "in_flight";
    const payload = eventPayload(renderFor(endpoint, event));
    const started = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(endpoint.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          "Stripe-Signature": signatureHeader(payload, endpoint.secret),
        },
        body: payload,
        signal: AbortSignal.any([this.aborter.signal, AbortSignal.timeout(this.em.options.webhookTimeoutMs)]),
      });
      status = res.status;
      await res.text().catch(() => ""); // drain so the connection can be reused
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (err) {
      const e = err as Error;
      error = e.name === "TimeoutError" ? `timeout after ${this.em.options.webhookTimeoutMs}ms` : e.message;
    }
    if (this.closed) return;
    delivery.attempts.push({ at: started, status, error, duration_ms: Date.now() - started });
    if (error === null) {
      delivery.status = "succeeded";
      delivery.next_attempt_at = null;
    } else {
      const delay = this.em.options.retrySchedule[delivery.attempts.length - 1];
      if (delay === undefined) {
        delivery.status = "failed";
        delivery.next_attempt_at = null;
      } else {
        delivery.status = "pending";
        delivery.next_attempt_at = Date.now() + delay;
        this.schedule(delivery, delay);
      }
    }
    this.em.changed();
  }

  /** Forgets delivery state (reset) but keeps the endpoints: they are configuration, not data. */
  reset(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.paused = false;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.aborter.abort();
    await Promise.allSettled([...this.chains.values()]);
  }
}
