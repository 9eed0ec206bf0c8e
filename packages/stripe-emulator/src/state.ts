/**
 * The emulator's whole state, as one JSON-serialisable object, plus the clock and the snapshot file.
 * Objects that live "in" an account (payment intents, charges, ...) are stored as `{ owner, obj }` so
 * that the Stripe-Account scoping rule is a single comparison everywhere.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type Stripe from "stripe";

export const PLATFORM_ACCOUNT = "acct_emulator_platform";
/** The API version the pinned SDK (23.1.0) speaks; stamped on every event like Stripe does. */
export const API_VERSION = "2026-10-28.endive";

export interface Owned<T> {
  owner: string;
  obj: T;
}

/**
 * A card PaymentMethod: the card's facts and test behaviour, plus its PaymentMethod life (customer,
 * metadata, consumed, set up) — rendered as a `Stripe.PaymentMethod` by payment-method-model.ts. The
 * life fields are optional so that snapshots written before `/v1/payment_methods` existed still load.
 */
export interface CardRecord {
  id: string;
  owner: string;
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  funding: string;
  country: string;
  fingerprint: string;
  /** What happens when this card is charged (see cards.ts). */
  behaviour: "succeed" | "decline" | "authenticate" | "dispute" | "refund_fail";
  /** For declines: Stripe's error `code`, `decline_code` and buyer-facing message. */
  error_code?: string;
  decline_code?: string;
  decline_message?: string;
  /** Funds skip the pending balance (test card 4000000000000077). */
  available_immediately?: boolean;
  billing_postal_code: string | null;
  /** 3-D Secure cards: what an off-session payment does (Stripe's "Authentication and setup" cards). */
  off_session?: "if_set_up" | "decline" | "succeed";
  /** Test card 4000000000000341: attaching and setting up succeed, every charge is declined. */
  setup_ok?: boolean;
  created?: number;
  /** The Customer it is attached to (null or absent: none). */
  customer?: string | null;
  metadata?: Record<string, string>;
  billing?: CardBilling;
  allow_redisplay?: "always" | "limited" | "unspecified";
  /**
   * Detached, or used (paid with, shared by cloning) while attached to no Customer: Stripe refuses it
   * from then on ("It may not be used again").
   */
  consumed?: boolean;
  /** Set up for future payments by a SetupIntent's `usage` or a PaymentIntent's `setup_future_usage`. */
  set_up?: "on_session" | "off_session";
}

/** Billing details given with a card, besides the postal code (kept in `billing_postal_code`). */
export interface CardBilling {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: Partial<Stripe.Address>;
}

export interface AccountLinkRecord {
  token: string;
  account: string;
  type: "account_onboarding" | "account_update";
  refresh_url: string;
  return_url: string;
  created: number;
  expires_at: number;
  /** new → opened (page shown, link spent) → completed. A spent or expired link redirects to refresh_url. */
  status: "new" | "opened" | "completed";
}

export interface AccountSessionRecord {
  client_secret: string;
  account: string;
  components: Stripe.AccountSession.Components;
  created: number;
  expires_at: number;
}

export interface OAuthCodeRecord {
  code: string;
  account: string;
  client_id: string;
  scope: string;
  redirect_uri: string;
  created: number;
  used: boolean;
}

export interface IdempotencyRecord {
  method: string;
  path: string;
  fingerprint: string;
  status: number;
  body: string;
  created: number;
}

export interface DeliveryAttempt {
  at: number;
  status: number | null;
  error: string | null;
  duration_ms: number;
}

export interface Delivery {
  id: string;
  event: string;
  event_type: string;
  endpoint: string;
  url: string;
  status: "pending" | "held" | "in_flight" | "succeeded" | "failed";
  attempts: DeliveryAttempt[];
  /** Real-time ms of the next try while pending; null once settled. */
  next_attempt_at: number | null;
  created: number;
}

/** Work that happens "a bit later" in Stripe: disputes after a 0259 charge, async refund failures. */
export interface ScheduledTask {
  due_ms: number;
  kind: "dispute" | "refund_fail";
  owner: string;
  target: string;
}

/**
 * What a Checkout Session keeps beside its object: its line items (`GET …/line_items`), the products they
 * were made from (the emulator has no Products API) and `payment_intent_data` for the PaymentIntent it
 * creates when the buyer pays.
 */
export interface CheckoutSessionDetails {
  line_items: Stripe.LineItem[];
  products: Record<string, { name: string; description: string | null }>;
  payment_intent_data: Record<string, unknown>;
}

export interface StoreData {
  version: 1;
  /** Seconds added to real time by `POST /_emulator/clock/advance`. */
  clockOffset: number;
  accounts: Record<string, Stripe.Account>;
  /** Requirements forced due by the control API; cleared when the seller onboards again. */
  forcedRequirements: Record<string, string[]>;
  /** Accounts connected through OAuth, and whether the connection is still authorised. */
  oauthConnections: Record<string, { authorized: boolean; access_token: string; refresh_token: string }>;
  paymentIntents: Record<string, Owned<Stripe.PaymentIntent>>;
  charges: Record<string, Owned<Stripe.Charge>>;
  refunds: Record<string, Owned<Stripe.Refund>>;
  balanceTransactions: Record<string, Owned<Stripe.BalanceTransaction>>;
  payouts: Record<string, Owned<Stripe.Payout>>;
  customers: Record<string, Owned<Stripe.Customer>>;
  /** Deleted customers' ids → their account: retrieve answers `{deleted: true}`, everything else 404. */
  deletedCustomers: Record<string, string>;
  setupIntents: Record<string, Owned<Stripe.SetupIntent>>;
  disputes: Record<string, Owned<Stripe.Dispute>>;
  applicationFees: Record<string, Owned<Stripe.ApplicationFee>>;
  /** Checkout Sessions (checkout-model.ts), and by session id what the object does not show. */
  checkoutSessions: Record<string, Owned<Stripe.Checkout.Session>>;
  checkoutSessionDetails: Record<string, CheckoutSessionDetails>;
  /** Transfers to connected accounts and their reversals: both belong to the platform (transfer-model.ts). */
  transfers: Record<string, Owned<Stripe.Transfer>>;
  transferReversals: Record<string, Owned<Stripe.TransferReversal>>;
  /** Uploaded files (`POST /v1/files`); their bytes are in `fileContents`, base64, by file id. */
  files: Record<string, Owned<Stripe.File>>;
  fileContents: Record<string, string>;
  /**
   * Test-mode decisions waiting for the emulator clock: evidence submitted with `winning_evidence` or
   * `losing_evidence` in `uncategorized_text` closes the dispute once `due` (unix seconds) has passed.
   */
  disputeDecisions: Record<string, { outcome: "won" | "lost"; due: number }>;
  cards: Record<string, CardRecord>;
  events: Stripe.Event[];
  deliveries: Delivery[];
  accountLinks: Record<string, AccountLinkRecord>;
  accountSessions: Record<string, AccountSessionRecord>;
  loginLinks: Record<string, { account: string; created: number }>;
  oauthCodes: Record<string, OAuthCodeRecord>;
  idempotency: Record<string, IdempotencyRecord>;
  scheduled: ScheduledTask[];
}

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Stripe-looking ids: `pi_3Q…` style, prefix + random base62. */
export function newId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return `${prefix}_${out}`;
}

export function emptyStore(): StoreData {
  return {
    version: 1,
    clockOffset: 0,
    accounts: {},
    forcedRequirements: {},
    oauthConnections: {},
    paymentIntents: {},
    charges: {},
    refunds: {},
    balanceTransactions: {},
    payouts: {},
    customers: {},
    deletedCustomers: {},
    setupIntents: {},
    disputes: {},
    applicationFees: {},
    checkoutSessions: {},
    checkoutSessionDetails: {},
    transfers: {},
    transferReversals: {},
    files: {},
    fileContents: {},
    disputeDecisions: {},
    cards: {},
    events: [],
    deliveries: [],
    accountLinks: {},
    accountSessions: {},
    loginLinks: {},
    oauthCodes: {},
    idempotency: {},
    scheduled: [],
  };
}

/** Unix seconds on the emulator's clock (real time + advances). */
export function nowSeconds(store: StoreData): number {
  return Math.floor(Date.now() / 1000) + store.clockOffset;
}

export function loadSnapshot(path: string): StoreData | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return null; // first start: no file yet
  }
  try {
    const data = JSON.parse(text) as Partial<StoreData>;
    if (data.version !== 1) throw new Error(`unknown snapshot version ${String(data.version)}`);
    // Fill collections added after the snapshot was written, so an older file still loads.
    return { ...emptyStore(), ...data };
  } catch (err) {
    console.error(`stripe emulator: ignoring unreadable snapshot ${path}: ${(err as Error).message}`);
    return null;
  }
}

/**
 * Debounced snapshot writer: many changes in one burst cost one write; the write goes to a temp file
 * then is renamed, so a crash mid-write never leaves a truncated snapshot behind.
 */
export class SnapshotWriter {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly path: string,
    private readonly read: () => StoreData,
    private readonly delayMs = 250,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.writeNow();
    }, this.delayMs);
    this.timer.unref();
  }

  writeNow(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      const tmp = `${this.path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(this.read()));
      renameSync(tmp, this.path);
    } catch (err) {
      console.error(`stripe emulator: snapshot write failed: ${(err as Error).message}`);
    }
  }
}
