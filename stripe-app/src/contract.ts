/*
 * The wire format between the Stripe App's views (this package) and the marketplace's backend routes
 * (/api/stripe-app/*, app/api/stripe-app in the Next app, which imports these types). Types and
 * constants, and the one function both sides run: the signed payload.
 *
 * Every request is a POST with a JSON body and the header `Stripe-Signature`, the value of
 * `fetchStripeSignature(payload)` for the same `payload`. The body is the signed payload:
 *
 *   { user_id, account_id, ...payload }   (user_id and account_id first, then the payload's keys)
 *
 * The backend rebuilds exactly that JSON from the body and verifies it with the app's signing secret, so
 * every field of a request (the order to refund, the amount, the mode) is covered by the signature.
 */

/**
 * The JSON Stripe signs for `fetchStripeSignature(payload)` by the Dashboard user `userId` on account
 * `accountId`, and the body the view sends: the one place both sides build it.
 */
export function signedPayload(userId: string, accountId: string, payload: object): string {
  return JSON.stringify({ user_id: userId, account_id: accountId, ...payload });
}

/** Paths under the marketplace's address (the manifest's constant BACKEND_URL). */
export const STRIPE_APP_ROUTES = {
  payment: "/api/stripe-app/payment",
  account: "/api/stripe-app/account",
  refund: "/api/stripe-app/refund",
} as const;

/** The Dashboard's mode: the backend serves one (its Stripe key's) and refuses the other. */
export type DashboardMode = "test" | "live";

/** What every signed request carries besides user_id and account_id. */
export interface SignedFields {
  mode: DashboardMode;
}

export interface PaymentRequest extends SignedFields {
  /** environment.objectContext.id on the payment detail page: a PaymentIntent (pi_) or a charge (ch_/py_). */
  payment_id: string;
}

export interface AccountRequest extends SignedFields {
  /** environment.objectContext.id on a connected account's page (acct_). */
  connected_account_id: string;
}

export const REFUND_REASONS = ["requested_by_customer", "duplicate", "fraudulent"] as const;

export interface RefundRequest extends SignedFields {
  order_id: string;
  /** A decimal in the order's currency, as typed ("12.50"). */
  amount: string;
  reason: (typeof REFUND_REASONS)[number];
  refund_application_fee: boolean;
  note?: string;
  /** "preview" states the outcome; "confirm" carries the preview's token and refunds exactly that. */
  intent: "preview" | "confirm";
  token?: string;
}

/**
 * An amount with the marketplace's own formatting of it ("$12.50"), so both sides show the same figure, and
 * the plain decimal a person types for it ("12.50", "500" for ¥500): the refund form prefills that, and the
 * backend parses it back with the same rule (lib/money.ts), so the app needs no table of currency digits.
 */
export interface Money {
  minor: number;
  currency: string;
  text: string;
  decimal: string;
}

export interface AppRefund {
  id: string;
  amount: Money;
  /** pending | succeeded | failed | canceled | requires_action */
  status: string;
  reason: string | null;
  createdAt: string;
  /** Why it failed, or that Stripe waits for a balance to cover it. */
  note: string | null;
}

export interface AppDispute {
  id: string;
  amount: Money;
  status: string;
  reason: string;
  /** When evidence is due (ISO), while the dispute is open. */
  dueBy: string | null;
}

export interface AppOrder {
  id: string;
  /** Our admin order page (absolute URL). */
  adminUrl: string;
  /** pending | processing | authorized | succeeded | failed | canceled */
  status: string;
  /** direct | destination | separate (a cart line: the payment is the platform's). */
  chargeModel: string;
  buyerEmail: string | null;
  seller: { id: string; name: string; email: string; stripeAccountId: string };
  product: { id: string; name: string };
  quantity: number;
  unitAmount: Money;
  amount: Money;
  /** The platform's fee, net of what refunds returned to the seller. */
  fee: Money;
  feeReturned: Money;
  refunded: Money;
  refundInProgress: Money;
  disputed: Money;
  /** What the seller keeps, before Stripe's fees: net of refunds, disputes and our fee. */
  sellerNet: Money;
  /** What an admin can still refund (zero when nothing can). */
  refundable: Money;
  /** Whether the platform's policy returns the fee on a refund of all that is refundable (the form's default). */
  refundFeeByDefault: boolean;
  refunds: AppRefund[];
  disputes: AppDispute[];
}

export interface PaymentContext {
  /** The admin the Dashboard user is linked to. */
  admin: { email: string };
  paymentId: string;
  /** One order for a direct charge; one per seller's line for a cart paid on the platform. */
  orders: AppOrder[];
}

export interface AccountContext {
  admin: { email: string };
  seller: {
    id: string;
    name: string;
    email: string;
    stripeAccountId: string;
    /** Our admin page for this seller and the seller's public shop (absolute URLs). */
    adminUrl: string;
    shopUrl: string;
    chargesEnabled: boolean;
    payoutsEnabled: boolean;
    /** The seller deauthorized the platform: their products left the shop. */
    disconnected: boolean;
    /** What Stripe still needs, past due first. */
    requirementsDue: { field: string; pastDue: boolean }[];
  };
  products: { id: string; name: string; price: Money; active: boolean; url: string }[];
  /** Succeeded orders per currency, gross and refunded. */
  volume: { currency: string; orders: number; gross: Money; refunded: Money }[];
}

export interface RefundAnswer {
  status: "preview" | "done" | "error";
  message?: string;
  /** With status "done": Stripe's status of the refund made ("succeeded", or "pending" while it waits). */
  refundStatus?: string;
  /** The outcome to confirm and the token the confirmation carries. */
  preview?: { text: string; token: string };
  fieldErrors?: Record<string, string[] | undefined>;
}

/** Every refusal: `{ error: { code, message } }` with an HTTP status (401 signature, 403 not an admin …). */
export interface ErrorAnswer {
  error: {
    code: string;
    message: string;
    /** With code "forbidden:stripe_app_user": the Dashboard user to link at /admin/stripe-app. */
    dashboardUserId?: string;
  };
}
