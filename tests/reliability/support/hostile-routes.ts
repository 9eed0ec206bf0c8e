import fc from "fast-check";
import { hostileString, hostileValue, type HostileRequest } from "./hostile";

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

/** Indexes into the callers list: null (anonymous), a buyer, a seller, an admin. */
export const BUYER = 1;
export const SELLER = 2;
export const ADMIN = 3;

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
  fc
    .tuple(fc.integer({ min: -600, max: 600 }), hex64)
    .map(([skew, sig]) => `t=${Math.floor(Date.now() / 1000) + skew},v1=${sig}`),
  hex64.map((sig) => `v1=${sig}`),
);
/** An event the emulator could have sent, unsigned: a forger's best try. */
const forgedEvent = fc
  .record({
    id: fc.oneof(
      fc.constant("evt_forged"),
      hostileString.map((s) => `evt_${s}`),
    ),
    type: fc.constantFrom(
      "payment_intent.succeeded",
      "charge.refunded",
      "account.updated",
      "payout.paid",
      "charge.dispute.created",
    ),
    account: fc.option(fc.constantFrom("acct_forged", "acct_1"), { nil: undefined }),
    livemode: fc.boolean(),
    created: fc.integer({ min: 0, max: 2 ** 31 }),
    object: hostileValue,
  })
  .map((e) =>
    JSON.stringify({
      ...e,
      object: "event",
      data: {
        object: {
          id: "pi_forged",
          object: "payment_intent",
          status: "succeeded",
          amount: 1,
          metadata: { order_id: e.object },
        },
      },
    }),
  );

export const ROUTES: RouteTarget[] = [
  {
    name: "GET /api/health",
    paths: ["/api/health"],
    load: () => import("@/app/api/health/route"),
    jsonErrors: true,
    mayAccept: () => true,
  },
  {
    name: "/api/auth/* (next-auth)",
    paths: [
      "/api/auth/session",
      "/api/auth/csrf",
      "/api/auth/providers",
      "/api/auth/signin",
      "/api/auth/signin/credentials",
      "/api/auth/callback/credentials",
      "/api/auth/signout",
      "/api/auth/error",
      "/api/auth/nope",
      "/api/auth/callback/github",
    ],
    load: () => import("@/app/api/auth/[...nextauth]/route"),
    params: (path) => ({ nextauth: path.split("/").slice(3) }),
    headers: fc.record({ "x-auth-return-redirect": fc.constantFrom("1", "0") }, { requiredKeys: [] }),
    body: fc.oneof(
      hostileString,
      fc
        .record(
          {
            email: hostileString,
            password: hostileString,
            csrfToken: hostileString,
            callbackUrl: hostileString,
          },
          { requiredKeys: [] },
        )
        .map((o) => new URLSearchParams(o).toString()),
    ),
    jsonErrors: false,
    // Auth.js answers many requests with 200 (JSON redirects, csrf, providers); what matters is that an
    // anonymous caller never gets a session out of it (a signed-in one has theirs refreshed).
    mayAccept: () => true,
    verify: (r, res) => {
      if (r.caller !== 0) return;
      const cookies = res.headers.getSetCookie().join("\n");
      if (/session-token=[^;]/.test(cookies))
        throw new Error(`${r.method} ${r.path} issued a session cookie`);
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
  {
    name: "GET /api/connect/account-link",
    paths: ["/api/connect/account-link"],
    load: () => import("@/app/api/connect/account-link/route"),
    jsonErrors: true,
  },
  {
    name: "GET /api/connect/oauth/start",
    paths: ["/api/connect/oauth/start"],
    load: () => import("@/app/api/connect/oauth/start/route"),
    jsonErrors: true,
  },
  {
    name: "GET /api/connect/oauth/callback",
    paths: ["/api/connect/oauth/callback"],
    load: () => import("@/app/api/connect/oauth/callback/route"),
    headers: fc.record(
      { cookie: hostileString.map((v) => `connect_oauth_state=${encodeOrBroken(v)}`) },
      { requiredKeys: [] },
    ),
    jsonErrors: true,
  },
];
