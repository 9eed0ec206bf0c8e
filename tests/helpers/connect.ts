import type Stripe from "stripe";
import { getAccountByUserId } from "@/db/queries/connected-accounts";
import type { ConnectedAccount, User } from "@/db/schema";
import { ensureExpressAccount, refreshAccountStatus } from "@/lib/connect/accounts";
import type { Seller } from "@/lib/guards";
import { control, emulatorUrl, testStripe } from "./emulator";
import { requestAs } from "./session";

type Handler = (req: Request, ctx: unknown) => Promise<Response>;
type Caller = Pick<User, "id" | "role" | "email" | "name"> | null;

/** Calls a route handler as `user` and reads its JSON (or null for a body-less redirect). */
export async function call(
  handler: Handler,
  user: Caller,
  url: string,
  init: RequestInit & { json?: unknown; cookie?: string } = {},
): Promise<{
  status: number;
  body: { error?: { code: string; message: string } } & Record<string, unknown>;
  headers: Headers;
}> {
  const { cookie, ...rest } = init;
  let req = await requestAs(user, url, rest);
  if (cookie) {
    // requestAs owns the Cookie header (the session); extra cookies are appended to it.
    const headers = new Headers(req.headers);
    headers.set("cookie", [req.headers.get("cookie"), cookie].filter(Boolean).join("; "));
    req = new Request(req.url, {
      method: req.method,
      headers,
      body: rest.body ?? (rest.json === undefined ? undefined : JSON.stringify(rest.json)),
    });
  }
  const res = await handler(req, { params: Promise.resolve({}) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as never) : {}, headers: res.headers };
}

/** Every account in the emulator that the app created for this user (the metadata the app sets). */
export async function emulatorAccountsFor(userId: string): Promise<Stripe.Account[]> {
  const found: Stripe.Account[] = [];
  for await (const account of testStripe().accounts.list({ limit: 100 })) {
    if (account.metadata?.platform_user_id === userId) found.push(account);
  }
  return found;
}

/** A seller with an Express account made by the app's own code, optionally onboarded in the emulator. */
export async function sellerWithExpressAccount(
  seller: Seller,
  options: { onboarded?: boolean } = {},
): Promise<ConnectedAccount> {
  const { account } = await ensureExpressAccount(seller);
  if (!options.onboarded) return account;
  await control(`/accounts/${account.stripeAccountId}/onboard`, {});
  return refreshAccountStatus(account);
}

export async function rowFor(user: User): Promise<ConnectedAccount | undefined> {
  return getAccountByUserId({ userId: user.id });
}

/*
 * "Connect an existing Stripe account" as the browser drives it: our start route, the emulator's
 * authorize page decision, our callback — with the state cookie the browser would carry.
 */

export const OAUTH_START_PATH = "/api/connect/oauth/start";
export const OAUTH_CALLBACK = "/api/connect/oauth/callback";

export interface OAuthStarted {
  authorize: URL;
  /** The Cookie header value the browser holds after the start route (connect_oauth_state=…). */
  cookie: string;
  setCookie: string;
}

/** GET /api/connect/oauth/start as `seller`: must answer 303 to Stripe with the state cookie. */
export async function startOAuthFlow(seller: Caller): Promise<OAuthStarted> {
  const { GET } = await import("@/app/api/connect/oauth/start/route");
  const res = await call(GET, seller, OAUTH_START_PATH);
  if (res.status !== 303) throw new Error(`OAuth start answered ${res.status}: ${JSON.stringify(res.body)}`);
  const setCookie = res.headers.get("set-cookie") ?? "";
  const value = /connect_oauth_state=([^;]+)/.exec(setCookie)?.[1] ?? "";
  return {
    authorize: new URL(res.headers.get("location") ?? ""),
    cookie: `connect_oauth_state=${value}`,
    setCookie,
  };
}

/**
 * What the seller does on Stripe's authorize page; returns the callback query Stripe redirects to.
 * `email` names the Standard account the emulator creates (find it again with emulatorAccountByEmail).
 */
export async function decideOnStripe(
  started: OAuthStarted,
  decision: "connect" | "deny",
  email?: string,
): Promise<URLSearchParams> {
  const q = started.authorize.searchParams;
  const res = await fetch(`${emulatorUrl()}/oauth/authorize/decision`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      decision,
      client_id: q.get("client_id") ?? "",
      scope: q.get("scope") ?? "",
      redirect_uri: q.get("redirect_uri") ?? "",
      state: q.get("state") ?? "",
      email: email ?? q.get("stripe_user[email]") ?? "",
      business_name: "Existing Co",
    }).toString(),
  });
  const location = new URL(res.headers.get("location") ?? "");
  if (location.pathname !== OAUTH_CALLBACK) throw new Error(`Stripe redirected to ${location.toString()}`);
  return location.searchParams;
}

/** GET /api/connect/oauth/callback as `seller`; `outcome` is the ?connect= the dashboard shows. */
export async function finishOAuth(seller: Caller, query: URLSearchParams, cookie?: string) {
  const { GET } = await import("@/app/api/connect/oauth/callback/route");
  const res = await call(GET, seller, `${OAUTH_CALLBACK}?${query.toString()}`, { cookie });
  return {
    ...res,
    outcome: new URL(res.headers.get("location") ?? "http://x/").searchParams.get("connect"),
  };
}

/** The emulator account with this email (Standard accounts made on the authorize page get the email sent). */
export async function emulatorAccountByEmail(email: string): Promise<Stripe.Account | undefined> {
  for await (const account of testStripe().accounts.list({ limit: 100 })) {
    if (account.email === email) return account;
  }
  return undefined;
}

/** account.application.deauthorized events the emulator emitted for this account. */
export async function deauthorizationsOf(stripeAccountId: string): Promise<Stripe.Event[]> {
  const events = await control<{ data: Stripe.Event[] }>(
    `/events?account=${stripeAccountId}&type=account.application.deauthorized`,
  );
  return events.data;
}
