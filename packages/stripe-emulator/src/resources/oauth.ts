/**
 * Connect OAuth for Standard accounts: the `/oauth/authorize` page (Connect / Deny), the code exchange at
 * `/oauth/token` and `/oauth/deauthorize`. `state` is passed back untouched — checking it is the app's job.
 * Like Stripe (Connect OAuth reference), only the platform's registered `client_id` is accepted, and Stripe
 * "redirects a user only to a predefined URI": a `redirect_uri` that is not one of the registered ones
 * (options `connectClientId`, `oauthRedirectUris`) is refused on Stripe's own page, never redirected to;
 * without one, the first registered URI is used. Token errors use OAuth's shape (`{error,
 * error_description}`), which the SDK raises as StripeOAuthError subclasses (StripeInvalidGrantError, ...).
 */
import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { OAuthError } from "../errors";
import type { ParamValue } from "../form";
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

/** Stripe's page for a request it will not redirect: the OAuth error code and what is wrong. */
function errorPage(code: string, message: string): HttpResult {
  return html(
    page(
      "Connect error",
      `<h1>Something went wrong</h1><p><code>${esc(code)}</code></p><p>${esc(message)}</p>`,
    ),
    400,
  );
}

/**
 * The client id and redirect URI of an authorize request (the page, or its form posted back), checked
 * against the platform's registration. Returns the redirect URI to use, or the error page.
 */
function checkClient(em: Emulator, q: { [key: string]: ParamValue }): { redirectUri: string } | HttpResult {
  const clientId = str(q, "client_id");
  if (clientId !== em.options.connectClientId)
    // Stripe's own words for an unknown client id.
    return errorPage("invalid_client", "No application matches the supplied client identifier");
  const asked = str(q, "redirect_uri");
  const redirectUri = asked ?? em.options.oauthRedirectUris[0];
  if (redirectUri === undefined || !em.options.oauthRedirectUris.includes(redirectUri))
    return errorPage(
      "invalid_redirect_uri",
      `The redirect_uri ${asked ? `'${asked}'` : "(none)"} is not one of the redirect URIs registered in your platform's Connect settings; it must match one exactly.`,
    );
  return { redirectUri };
}

/** GET /oauth/authorize — what a seller sees when the platform sends them to connect their Stripe account. */
export function authorizePage(ctx: HttpContext): HttpResult {
  const q = ctx.params;
  const client = checkClient(ctx.em, q);
  if (!("redirectUri" in client)) return client;
  const { redirectUri } = client;
  const clientId = ctx.em.options.connectClientId;
  if ((str(q, "response_type") ?? "code") !== "code")
    return errorPage("unsupported_response_type", "Invalid response_type: only `code` is supported.");
  const scope = str(q, "scope") ?? "read_write";
  if (scope !== "read_write" && scope !== "read_only")
    return errorPage("invalid_scope", `Invalid scope: ${scope}`);
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
  // The form carries them back from the page: checked again, a forged post gets no code either.
  const client = checkClient(ctx.em, p);
  if (!("redirectUri" in client)) return client;
  const { redirectUri } = client;
  const clientId = ctx.em.options.connectClientId;
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
    if (record.client_id !== em.options.connectClientId)
      throw new OAuthError(400, "invalid_grant", "Authorization code provided does not belong to you");
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
  if (!p.client_id) throw new OAuthError(400, "invalid_request", "No client_id provided");
  if (p.client_id !== ctx.em.options.connectClientId)
    throw new OAuthError(401, "invalid_client", `No such application: '${p.client_id}'`);
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
