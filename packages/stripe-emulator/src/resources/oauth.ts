/**
 * Connect OAuth for Standard accounts: the `/oauth/authorize` page (Connect / Deny), the code exchange at
 * `/oauth/token` and `/oauth/deauthorize`. `state` and `redirect_uri` are passed back untouched — checking
 * `state` is the app's job, and tests show it gets exactly what it sent. Errors use OAuth's own shape
 * (`{error, error_description}`), which the SDK raises as StripeOAuthError subclasses.
 */
import type Stripe from "stripe";
import { OAuthError } from "../errors";
import { esc, hidden, page, withQuery } from "../html";
import { html, redirect, str, type HttpContext, type HttpResult } from "../http";
import type { ApiContext, ApiResult, Router } from "../router";
import { f, parseParams } from "../schema";
import { newId, PLATFORM_ACCOUNT } from "../state";
import { buildAccount } from "./account-model";
import { completeOnboarding } from "./account-requirements";
import { CONNECT_APPLICATION } from "./charges";

const CODE_TTL = 5 * 60;
const APPLICATION: Stripe.Application = {
  id: CONNECT_APPLICATION,
  object: "application",
  name: "Emulated Platform",
};

function errorPage(message: string): HttpResult {
  return html(page("Connect error", `<h1>Something went wrong</h1><p>${esc(message)}</p>`), 400);
}

function validRedirect(uri: string | undefined): boolean {
  return uri !== undefined && /^https?:\/\/[^\s]+$/.test(uri);
}

/** GET /oauth/authorize — what a seller sees when the platform sends them to connect their Stripe account. */
export function authorizePage(ctx: HttpContext): HttpResult {
  const q = ctx.params;
  const clientId = str(q, "client_id");
  const redirectUri = str(q, "redirect_uri");
  if (!clientId?.startsWith("ca_"))
    return errorPage(`Invalid client_id: ${clientId ?? "(none)"}. It should start with "ca_".`);
  if ((str(q, "response_type") ?? "code") !== "code")
    return errorPage("Invalid response_type: only `code` is supported.");
  const scope = str(q, "scope") ?? "read_write";
  if (scope !== "read_write" && scope !== "read_only") return errorPage(`Invalid scope: ${scope}`);
  if (!validRedirect(redirectUri))
    return errorPage("Invalid redirect_uri: the emulator needs an absolute http(s) redirect_uri.");
  const user =
    typeof q.stripe_user === "object" && q.stripe_user !== null && !Array.isArray(q.stripe_user)
      ? q.stripe_user
      : {};
  const email = str(user, "email") ?? "";
  const business = str(user, "business_name") ?? "";
  const carry = hidden({ client_id: clientId, scope, redirect_uri: redirectUri, state: str(q, "state") });
  return html(
    page(
      "Connect with Stripe",
      `<h1>Emulated Platform would like to connect to your Stripe account</h1>
       <p class="note">Connecting creates a Standard account in the emulator and returns you to the platform.</p>
       <form method="post" action="/oauth/authorize/decision">${carry}
         <label for="email">Email</label><input id="email" name="email" value="${esc(email)}" placeholder="seller@example.com">
         <label for="business_name">Business name</label><input id="business_name" name="business_name" value="${esc(business)}" placeholder="My shop">
         <button type="submit" name="decision" value="connect">Connect my Stripe account</button>
         <button type="submit" name="decision" value="deny" class="secondary">Deny</button>
       </form>`,
    ),
  );
}

/** POST /oauth/authorize/decision — Connect creates the account and a one-time code; Deny returns access_denied. */
export function authorizeDecision(ctx: HttpContext): HttpResult {
  const p = ctx.params;
  const redirectUri = str(p, "redirect_uri");
  const clientId = str(p, "client_id") ?? CONNECT_APPLICATION;
  if (!validRedirect(redirectUri) || redirectUri === undefined) return errorPage("Invalid redirect_uri.");
  const state = str(p, "state");
  if (str(p, "decision") !== "connect") {
    return redirect(
      withQuery(redirectUri, {
        error: "access_denied",
        error_description: "The user denied your request",
        state,
      }),
      302,
    );
  }
  const em = ctx.em;
  const id = newId("acct", 16);
  const account = buildAccount(em, id, "standard", {
    email: str(p, "email") || `seller-${id.slice(-6).toLowerCase()}@example.com`,
  });
  account.capabilities = { card_payments: "inactive", transfers: "inactive" };
  em.store.accounts[id] = account;
  // A Standard account arrives already onboarded with Stripe: its owner did that on stripe.com.
  completeOnboarding(em, id, {
    business_profile: { name: str(p, "business_name") || "Connected Standard Seller" },
  });
  const code = newId("ac", 24);
  em.store.oauthCodes[code] = {
    code,
    account: id,
    client_id: clientId,
    scope: str(p, "scope") ?? "read_write",
    redirect_uri: redirectUri,
    created: em.now(),
    used: false,
  };
  em.store.oauthConnections[id] = {
    authorized: true,
    access_token: `sk_test_oauth_${newId("x", 24).slice(2)}`,
    refresh_token: `rt_${newId("x", 32).slice(2)}`,
  };
  em.emit("account.application.authorized", APPLICATION, { account: id });
  return redirect(withQuery(redirectUri, { scope: str(p, "scope") ?? "read_write", code, state }), 302);
}

function token(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, {
    grant_type: f.string().req(),
    code: f.string(),
    refresh_token: f.string(),
    scope: f.string(),
    assert_capabilities: f.arr(f.string()),
    client_secret: f.string(),
  });
  const em = ctx.em;
  let accountId: string;
  let scope = p.scope ?? "read_write";
  if (p.grant_type === "authorization_code") {
    if (!p.code) throw new OAuthError(400, "invalid_request", "No authorization code provided");
    const record = em.store.oauthCodes[p.code];
    if (!record) throw new OAuthError(400, "invalid_grant", `Authorization code does not exist: ${p.code}`);
    if (record.used) throw new OAuthError(400, "invalid_grant", `Authorization code already used: ${p.code}`);
    if (em.now() - record.created > CODE_TTL)
      throw new OAuthError(400, "invalid_grant", `Authorization code expired: ${p.code}`);
    record.used = true;
    accountId = record.account;
    scope = record.scope;
  } else if (p.grant_type === "refresh_token") {
    const entry = Object.entries(em.store.oauthConnections).find(
      ([, c]) => c.refresh_token === p.refresh_token && c.authorized,
    );
    if (!entry)
      throw new OAuthError(400, "invalid_grant", `Invalid refresh token: ${p.refresh_token ?? "(none)"}`);
    accountId = entry[0];
    entry[1].access_token = `sk_test_oauth_${newId("x", 24).slice(2)}`;
  } else {
    throw new OAuthError(400, "unsupported_grant_type", `Unsupported grant type: ${p.grant_type}`);
  }
  const connection = em.store.oauthConnections[accountId];
  if (!connection) throw new OAuthError(400, "invalid_grant", "This authorization has been revoked.");
  const result: Stripe.OAuthToken = {
    access_token: connection.access_token,
    livemode: false,
    refresh_token: connection.refresh_token,
    scope,
    stripe_publishable_key: `pk_test_oauth_${accountId.slice(5)}`,
    stripe_user_id: accountId,
    token_type: "bearer",
  };
  return { body: result };
}

function deauthorize(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, { client_id: f.string(), stripe_user_id: f.string() });
  if (!p.client_id?.startsWith("ca_"))
    throw new OAuthError(400, "invalid_request", "No client_id provided (it should start with ca_).");
  const id = p.stripe_user_id ?? "";
  const account = id === PLATFORM_ACCOUNT ? undefined : ctx.em.store.accounts[id];
  const connection = ctx.em.store.oauthConnections[id];
  if (!account || (connection && !connection.authorized))
    throw new OAuthError(
      401,
      "invalid_client",
      `This application is not connected to stripe account ${id}, or that account does not exist.`,
    );
  ctx.em.store.oauthConnections[id] = {
    access_token: connection?.access_token ?? "",
    refresh_token: connection?.refresh_token ?? "",
    authorized: false,
  };
  ctx.em.emit("account.application.deauthorized", APPLICATION, { account: id });
  const result: Stripe.OAuthDeauthorization = { stripe_user_id: id };
  return { body: result };
}

export function registerOAuth(router: Router): void {
  router.add("POST", "/oauth/token", token).add("POST", "/oauth/deauthorize", deauthorize);
}
