/**
 * The typed client of the emulator's control API (`/_emulator/*`, see CONTRACT.md): what tests, e2e
 * journeys, the bench, seeds and scripts use to look inside the offline Stripe and to bend reality.
 * Every call carries the emulator's secret key (`Authorization: Bearer`), as the control API requires.
 * Works in Node and in any runtime with `fetch`; imports nothing from the emulator's server.
 */
import type Stripe from "stripe";
import { EMULATOR_DEFAULTS } from "./defaults";
import type { Fault, FaultSpec } from "./faults";
import type { Delivery } from "./state";

export type { Delivery, DeliveryAttempt } from "./state";
export type { Fault, FaultKind, FaultSpec } from "./faults";

export interface EmulatorState {
  now: number;
  clock_offset: number;
  paused: boolean;
  counts: Record<
    | "accounts"
    | "payment_intents"
    | "charges"
    | "refunds"
    | "payouts"
    | "customers"
    | "payment_methods"
    | "setup_intents"
    | "application_fees"
    | "checkout_sessions"
    | "transfers"
    | "events"
    | "deliveries"
    | "pending_deliveries",
    number
  >;
  webhook_endpoints: WebhookEndpoint[];
  faults: Fault[];
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  connect: boolean;
  accounts: string[] | null;
  /** Event types delivered to it (`["*"]` = all). */
  enabled_events: string[];
  /** The version its payloads are rendered at; null = the pinned version. */
  api_version: string | null;
  builtin: boolean;
}

/** What `addWebhookEndpoint` takes: `enabled_events` defaults to `["*"]`, `api_version` to the pinned one. */
export interface WebhookEndpointSpec {
  url: string;
  secret: string;
  connect?: boolean;
  accounts?: string[];
  enabled_events?: string[];
  api_version?: string;
}

/** An event as delivered: the Stripe event plus the account it belongs to (Connect events). */
export type EmulatorEvent = Stripe.Event;

export class EmulatorControlError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly body: string,
  ) {
    super(`emulator ${method} ${path}: ${status} ${body}`);
    this.name = "EmulatorControlError";
  }
}

export interface EmulatorClientOptions {
  /** The emulator's base URL, e.g. http://127.0.0.1:12111. */
  url: string;
  /** The emulator's platform secret key (default: the offline one). */
  secretKey?: string;
}

export class EmulatorClient {
  readonly url: string;
  private readonly secretKey: string;

  constructor(options: EmulatorClientOptions) {
    this.url = options.url.replace(/\/+$/, "");
    this.secretKey = options.secretKey ?? EMULATOR_DEFAULTS.secretKey;
  }

  /** Any control path (`/events`, `/reset`, …) under `/_emulator`: JSON in, JSON out, errors thrown. */
  async request<T = unknown>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/_emulator${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.secretKey}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new EmulatorControlError(res.status, method, path, text);
    return JSON.parse(text) as T;
  }

  /** Resolves once the emulator answers its control API (polls up to `timeoutMs`). */
  async waitUntilReady(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await this.state();
        return;
      } catch (error) {
        if (error instanceof EmulatorControlError || Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  state(): Promise<EmulatorState> {
    return this.request("GET", "/state");
  }

  /** Forgets every object, event, fault and added endpoint; the clock returns to real time. */
  reset(): Promise<{ reset: true }> {
    return this.request("POST", "/reset", {});
  }

  /** Newest first. `account`: a connected account id, or the platform's id for platform events only. */
  async events(filter: { account?: string; type?: string } = {}): Promise<EmulatorEvent[]> {
    const q = new URLSearchParams();
    if (filter.account) q.set("account", filter.account);
    if (filter.type) q.set("type", filter.type);
    const qs = q.size > 0 ? `?${q.toString()}` : "";
    return (await this.request<{ data: EmulatorEvent[] }>("GET", `/events${qs}`)).data;
  }

  /** The exact body and `Stripe-Signature` header the emulator would send for an event. */
  signedEvent(id: string, secret?: "platform" | "connect"): Promise<{ payload: string; header: string }> {
    return this.request(
      "GET",
      `/events/${encodeURIComponent(id)}/signed${secret ? `?secret=${secret}` : ""}`,
    );
  }

  async eventDeliveries(id: string): Promise<Delivery[]> {
    return (await this.request<{ data: Delivery[] }>("GET", `/events/${encodeURIComponent(id)}/deliveries`))
      .data;
  }

  async resendEvent(id: string): Promise<Delivery[]> {
    return (await this.request<{ data: Delivery[] }>("POST", `/events/${encodeURIComponent(id)}/resend`, {}))
      .data;
  }

  async duplicateEvent(id: string, count = 1): Promise<Delivery[]> {
    return (
      await this.request<{ data: Delivery[] }>("POST", `/events/${encodeURIComponent(id)}/duplicate`, {
        count,
      })
    ).data;
  }

  /** Newest first. */
  async deliveries(): Promise<Delivery[]> {
    return (await this.request<{ data: Delivery[] }>("GET", "/deliveries")).data;
  }

  /** Whether every webhook sent so far has settled (none pending, held or in flight). */
  async webhooksSettled(): Promise<boolean> {
    return (await this.deliveries()).every((d) => d.status === "succeeded" || d.status === "failed");
  }

  pauseDelivery(): Promise<{ paused: true }> {
    return this.request("POST", "/delivery/pause", {});
  }

  resumeDelivery(
    order: "fifo" | "reverse" | "shuffle" = "fifo",
  ): Promise<{ paused: false; released: number }> {
    return this.request("POST", "/delivery/resume", { order });
  }

  addWebhookEndpoint(endpoint: WebhookEndpointSpec): Promise<WebhookEndpoint> {
    return this.request("POST", "/webhook_endpoints", endpoint);
  }

  removeWebhookEndpoint(id: string): Promise<{ id: string; deleted: true }> {
    return this.request("DELETE", `/webhook_endpoints/${encodeURIComponent(id)}`);
  }

  advanceClock(seconds: number): Promise<{ now: number; offset: number }> {
    return this.request("POST", "/clock/advance", { seconds });
  }

  async faults(): Promise<Fault[]> {
    return (await this.request<{ data: Fault[] }>("GET", "/faults")).data;
  }

  addFault(spec: FaultSpec): Promise<Fault> {
    return this.request("POST", "/faults", spec);
  }

  /** Clears every fault; answers with their final counters. */
  async clearFaults(): Promise<Fault[]> {
    return (await this.request<{ data: Fault[] }>("DELETE", "/faults")).data;
  }

  /** Plays the seller finishing onboarding: details submitted, charges and payouts enabled. */
  onboardAccount(id: string): Promise<Stripe.Account> {
    return this.request("POST", `/accounts/${encodeURIComponent(id)}/onboard`, {});
  }

  /** Makes requirements due again (empty list: clears them). */
  forceRequirements(id: string, currentlyDue: string[]): Promise<Stripe.Account> {
    return this.request("POST", `/accounts/${encodeURIComponent(id)}/requirements`, {
      currently_due: currentlyDue,
    });
  }

  /** The bank decides a dispute. */
  resolveDispute(id: string, outcome: "won" | "lost"): Promise<Stripe.Dispute> {
    return this.request("POST", `/disputes/${encodeURIComponent(id)}/resolve`, { outcome });
  }

  /**
   * A delayed payment on a Checkout Session: `pending` completes an open session unpaid (its PaymentIntent
   * `processing`), then `succeeded` / `failed` settles it (`checkout.session.async_payment_*`).
   */
  checkoutAsyncPayment(
    id: string,
    outcome: "pending" | "succeeded" | "failed",
  ): Promise<Stripe.Checkout.Session> {
    return this.request("POST", `/checkout/sessions/${encodeURIComponent(id)}/async_payment`, { outcome });
  }
}
