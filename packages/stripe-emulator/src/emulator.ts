/**
 * The running emulator: state, clock, options and the services every resource handler needs
 * (emitting events, persisting, scheduled work). One instance per `startEmulator()` call, so tests can run
 * several emulators side by side without sharing anything.
 */
import type Stripe from "stripe";
import { createEvent, type EmitOptions } from "./events";
import { FaultTable } from "./faults";
import { emptyStore, loadSnapshot, nowSeconds, SnapshotWriter, type StoreData } from "./state";
import { WebhookDispatcher } from "./webhooks";

export interface ResolvedOptions {
  port: number;
  /** The platform's secret key: the control API (`/_emulator/*`) requires it as `Authorization: Bearer`. */
  secretKey: string;
  /** Origins whose pages may call the browser surface (`/v1`, `/_emulator/browser`) with CORS; exact match. */
  allowedOrigins: string[];
  webhookUrl: string | null;
  platformWebhookSecret: string;
  connectWebhookSecret: string;
  /** `enabled_events` of the built-in platform / Connect endpoints (`["*"]` = every type). */
  platformEvents: string[];
  connectEvents: string[];
  /** `api_version` of the built-in endpoints; null = the account default (the pinned version). */
  webhookApiVersion: string | null;
  /** The platform's registered Connect client id and OAuth redirect URIs (the first is the default). */
  connectClientId: string;
  oauthRedirectUris: string[];
  snapshotPath: string | null;
  /** ms between webhook retries; after the last one the delivery is marked failed. */
  retrySchedule: number[];
  /** How long a webhook receiver may take before the attempt counts as a timeout. */
  webhookTimeoutMs: number;
  /** Delay between a 0259 card's successful charge and its dispute ("shortly after", like Stripe test mode). */
  disputeDelayMs: number;
  /**
   * Emulator-clock seconds between submitting test-mode evidence (`winning_evidence` / `losing_evidence`
   * in `uncategorized_text`) and the dispute closing won / lost.
   */
  disputeDecisionDelaySeconds: number;
  /** How long a `timeout`/`timeout_after` fault holds the connection before closing it without an answer. */
  faultTimeoutMs: number;
}

/** A tick handler settles time-based state (pending balances, payouts, scheduled disputes). */
export type TickHandler = (em: Emulator) => void;

export class Emulator {
  store: StoreData;
  /** Filled once the server listens; used to build hosted-page URLs. */
  baseUrl = "";
  readonly webhooks: WebhookDispatcher;
  readonly faults = new FaultTable();
  /** The API request being handled, stamped on events as `request: {id, idempotency_key}`. */
  currentRequest: { id: string; idempotency_key: string | null } | null = null;
  private readonly snapshot: SnapshotWriter | null;
  private readonly tickHandlers: TickHandler[] = [];
  private ticking = false;

  constructor(readonly options: ResolvedOptions) {
    this.store = (options.snapshotPath && loadSnapshot(options.snapshotPath)) || emptyStore();
    this.snapshot = options.snapshotPath ? new SnapshotWriter(options.snapshotPath, () => this.store) : null;
    this.webhooks = new WebhookDispatcher(this);
  }

  /** Unix seconds on the emulator clock. */
  now(): number {
    return nowSeconds(this.store);
  }

  /** Marks state dirty; the snapshot is written shortly after (debounced). */
  changed(): void {
    this.snapshot?.schedule();
  }

  flush(): void {
    this.snapshot?.writeNow();
  }

  emit(type: Stripe.Event.Type, object: unknown, opts: EmitOptions = {}): Stripe.Event {
    const event = createEvent(this, type, object, opts);
    this.changed();
    return event;
  }

  onTick(handler: TickHandler): void {
    this.tickHandlers.push(handler);
  }

  /** Runs every time-based rule once. Re-entrancy guarded: a handler may emit events that trigger work. */
  tick(): void {
    if (this.ticking) return;
    this.ticking = true;
    try {
      for (const handler of this.tickHandlers) handler(this);
    } finally {
      this.ticking = false;
    }
  }

  advanceClock(seconds: number): void {
    this.store.clockOffset += seconds;
    this.changed();
    this.tick();
  }

  reset(): void {
    this.store = emptyStore();
    this.faults.clear();
    this.webhooks.reset();
    this.changed();
  }
}
