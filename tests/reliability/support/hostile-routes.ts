import fc from "fast-check";
import type { z } from "zod";
import { formDataToObject, type ActionState } from "@/lib/actions";
import { productActiveSchema, productFormSchema, updateProductSchema } from "@/lib/products/seller-products";
import { signUpSchema } from "@/lib/users/sign-up";
import { hostileString, hostileValue, toFormData, type HostileRequest } from "./hostile";

/** A route handler module under hostile input. Callers are indexed: 0 anonymous, 1 buyer, 2 seller (onboarded account), 3 admin. */
export interface RouteTarget {
  name: string;
  paths: string[];
  load: () => Promise<unknown>;
  params?: (path: string) => Record<string, unknown>;
  headers?: fc.Arbitrary<Record<string, string>>;
  body?: fc.Arbitrary<string>;
  /** Our routes answer refusals with `{ error: { code, message } }`. */
  jsonErrors: boolean;
  /** A 2xx is fine for this request (a read, or the legitimate caller with a body the route ignores). */
  mayAccept?: (r: HostileRequest, res: Response) => boolean;
  /** Route-specific checks on every response. */
  verify?: (r: HostileRequest, res: Response) => void;
  runs?: number;
}

export const SELLER = 2;

/** Percent-encodes, or (lone surrogates) sends a broken escape instead: hostile either way. */
function encodeOrBroken(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%E0%A4%A";
  }
}

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
/** Stripe-Signature headers: garbage, or well formed with a fresh timestamp and a guessed signature. */
const signature = fc.oneof(
  hostileString,
  fc.tuple(fc.integer({ min: -600, max: 600 }), hex64).map(([skew, sig]) => `t=${Math.floor(Date.now() / 1000) + skew},v1=${sig}`),
  hex64.map((sig) => `v1=${sig}`),
);
/** An event the emulator could have sent, unsigned: a forger's best try. */
const forgedEvent = fc
  .record({
    id: fc.oneof(fc.constant("evt_forged"), hostileString.map((s) => `evt_${s}`)),
    type: fc.constantFrom("payment_intent.succeeded", "charge.refunded", "account.updated", "payout.paid", "charge.dispute.created"),
    account: fc.option(fc.constantFrom("acct_forged", "acct_1"), { nil: undefined }),
    livemode: fc.boolean(),
    created: fc.integer({ min: 0, max: 2 ** 31 }),
    object: hostileValue,
  })
  .map((e) => JSON.stringify({ ...e, object: "event", data: { object: { id: "pi_forged", object: "payment_intent", status: "succeeded", amount: 1, metadata: { order_id: e.object } } } }));

export const ROUTES: RouteTarget[] = [
  { name: "GET /api/health", paths: ["/api/health"], load: () => import("@/app/api/health/route"), jsonErrors: true, mayAccept: () => true },
  {
    name: "/api/auth/* (next-auth)",
    paths: [
      "/api/auth/session", "/api/auth/csrf", "/api/auth/providers", "/api/auth/signin", "/api/auth/signin/credentials",
      "/api/auth/callback/credentials", "/api/auth/signout", "/api/auth/error", "/api/auth/nope", "/api/auth/callback/github",
    ],
    load: () => import("@/app/api/auth/[...nextauth]/route"),
    params: (path) => ({ nextauth: path.split("/").slice(3) }),
    headers: fc.record({ "x-auth-return-redirect": fc.constantFrom("1", "0") }, { requiredKeys: [] }),
    body: fc.oneof(
      hostileString,
      fc.record({ email: hostileString, password: hostileString, csrfToken: hostileString, callbackUrl: hostileString }, { requiredKeys: [] }).map((o) => new URLSearchParams(o).toString()),
    ),
    jsonErrors: false,
    // Auth.js answers many requests with 200 (JSON redirects, csrf, providers); what matters is that an
    // anonymous caller never gets a session out of it (a signed-in one has theirs refreshed).
    mayAccept: () => true,
    verify: (r, res) => {
      if (r.caller !== 0) return;
      const cookies = res.headers.getSetCookie().join("\n");
      if (/session-token=[^;]/.test(cookies)) throw new Error(`${r.method} ${r.path} issued a session cookie`);
    },
    runs: 150,
  },
  {
    name: "POST /api/webhooks/stripe",
    paths: ["/api/webhooks/stripe"],
    load: () => import("@/app/api/webhooks/stripe/route"),
    headers: fc.record({ "stripe-signature": signature }, { requiredKeys: [] }),
    body: fc.oneof(forgedEvent, hostileString),
    jsonErrors: true,
    runs: 150,
  },
  {
    name: "POST /api/connect/accounts",
    paths: ["/api/connect/accounts"],
    load: () => import("@/app/api/connect/accounts/route"),
    jsonErrors: true,
    mayAccept: (r) => r.caller === SELLER,
  },
  {
    name: "POST /api/connect/account-session",
    paths: ["/api/connect/account-session"],
    load: () => import("@/app/api/connect/account-session/route"),
    jsonErrors: true,
    mayAccept: (r) => r.caller === SELLER,
  },
  {
    name: "POST /api/connect/login-link",
    paths: ["/api/connect/login-link"],
    load: () => import("@/app/api/connect/login-link/route"),
    jsonErrors: true,
    mayAccept: (r) => r.caller === SELLER,
  },
  { name: "GET /api/connect/account-link", paths: ["/api/connect/account-link"], load: () => import("@/app/api/connect/account-link/route"), jsonErrors: true },
  { name: "GET /api/connect/oauth/start", paths: ["/api/connect/oauth/start"], load: () => import("@/app/api/connect/oauth/start/route"), jsonErrors: true },
  {
    name: "GET /api/connect/oauth/callback",
    paths: ["/api/connect/oauth/callback"],
    load: () => import("@/app/api/connect/oauth/callback/route"),
    headers: fc.record({ cookie: hostileString.map((v) => `connect_oauth_state=${encodeOrBroken(v)}`) }, { requiredKeys: [] }),
    jsonErrors: true,
  },
];

/** A server action under hostile input. Callers are indexed as for routes (2 = the seller). */
export interface ActionTarget {
  name: string;
  fields: string[];
  /**
   * Whether this input from this caller is hostile. What a legitimate caller could send and get
   * accepted (a seller adding a valid product) is not, and the run is skipped.
   */
  hostile?: (input: Record<string, unknown>, ctx: { caller: number; pools: Record<string, string[]> }) => boolean;
  call: (input: Record<string, unknown>, asForm: boolean) => Promise<ActionState<unknown>>;
}

/** What the action's own schema makes of the input, sent as a browser form would send it. */
function parsed<S extends z.ZodType>(schema: S, input: Record<string, unknown>): z.infer<S> | undefined {
  const result = schema.safeParse(formDataToObject(toFormData(input)));
  return result.success ? result.data : undefined;
}

/** A form, or (a forged call) the raw object: validatedAction must refuse both the same way. */
const formOrObject = (input: Record<string, unknown>, asForm: boolean) => (asForm ? toFormData(input) : input) as FormData;

/** Legitimate for the seller: a valid form about a product of their own (pools.sellerProductId). */
function sellersOwnProduct(schema: typeof updateProductSchema | typeof productActiveSchema) {
  return (input: Record<string, unknown>, { caller, pools }: { caller: number; pools: Record<string, string[]> }) => {
    const data = caller === SELLER ? parsed(schema, input) : undefined;
    return !(data && (pools.sellerProductId ?? []).includes(data.productId));
  };
}

export const ACTIONS: ActionTarget[] = [
  {
    name: "sign-up",
    fields: ["name", "email", "password", "role", "country", "businessName"],
    // A well-formed sign-up with a fresh email is a real sign-up: only taken emails stay in.
    hostile: (input, { pools }) => {
      const data = parsed(signUpSchema, input);
      return !data || (pools.email ?? []).some((e) => e.trim().toLowerCase() === data.email.trim().toLowerCase());
    },
    call: async (input) => (await import("@/app/(auth)/sign-up/actions")).signUpAction(undefined, toFormData(input)),
  },
  {
    name: "sign-in",
    fields: ["email", "password", "callbackUrl"],
    call: async (input) => (await import("@/app/(auth)/sign-in/actions")).signInAction(undefined, toFormData(input)),
  },
  {
    name: "checkout",
    fields: ["productId", "quantity", "checkoutKey", "email"],
    call: async (input, asForm) =>
      (await import("@/app/(shop)/checkout/[productId]/actions")).startCheckoutAction(undefined, asForm ? toFormData(input) : input),
  },
  {
    name: "admin refund",
    fields: ["orderId", "amount", "reason", "refundApplicationFee"],
    call: async (input) => (await import("@/app/admin/orders/[id]/actions")).refundOrderAction(undefined, toFormData(input)),
  },
  {
    name: "admin re-apply event",
    fields: ["eventId"],
    call: async (input) => (await import("@/app/admin/events/actions")).reapplyEventAction(undefined, toFormData(input)),
  },
  {
    name: "seller create product",
    fields: ["name", "description", "price", "currency"],
    hostile: (input, { caller }) => !(caller === SELLER && parsed(productFormSchema, input)),
    call: async (input, asForm) => (await import("@/app/dashboard/products/actions")).createProductAction(undefined, formOrObject(input, asForm)),
  },
  {
    name: "seller update product",
    fields: ["productId", "name", "description", "price", "currency"],
    hostile: sellersOwnProduct(updateProductSchema),
    call: async (input, asForm) => (await import("@/app/dashboard/products/actions")).updateProductAction(undefined, formOrObject(input, asForm)),
  },
  {
    name: "seller set product active",
    fields: ["productId", "active"],
    hostile: sellersOwnProduct(productActiveSchema),
    call: async (input, asForm) => (await import("@/app/dashboard/products/actions")).setProductActiveAction(undefined, formOrObject(input, asForm)),
  },
  {
    // The seller's account is Express: even a confirmed disconnect is refused (Standard accounts only).
    name: "seller disconnect account",
    fields: ["confirm"],
    call: async (input, asForm) => (await import("@/app/dashboard/settings/actions")).disconnectAccountAction(undefined, formOrObject(input, asForm)),
  },
  {
    // Takes no input: whatever a forged request carries is ignored, so only the caller can be hostile.
    name: "seller refresh onboarding status",
    fields: ["account", "stripeAccountId", "userId"],
    hostile: (_input, { caller }) => caller !== SELLER,
    call: async (input, asForm) => {
      const { refreshOnboardingStatusAction } = await import("@/app/dashboard/onboarding/actions");
      // A forged POST can carry arguments the action does not declare: pass them as Next would.
      const forged: (...args: unknown[]) => Promise<ActionState<unknown>> = refreshOnboardingStatusAction;
      return forged(undefined, formOrObject(input, asForm));
    },
  },
];
