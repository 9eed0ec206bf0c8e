import "server-only";
import type Stripe from "stripe";
import {
  applyAccountStatus,
  getAccountByStripeId,
  getAccountByUserId,
  insertAccountForUser,
  markAccountDisconnected,
  replaceDisconnectedAccount,
  replaceUnusedExpressAccount,
} from "@/db/queries/connected-accounts";
import type { ConnectedAccount } from "@/db/schema";
import { revalidateSeller } from "@/lib/cache";
import type { Seller } from "@/lib/guards";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { stripe, stripeConnectBaseUrl } from "@/lib/stripe";
import { accountStatusFromStripe } from "./account-status";
import { discardPlatformAccount, nowSeconds, requireConnectedAccount } from "./accounts";
import { issueOAuthState, verifyOAuthState } from "./oauth-state";
import { isStripeErrorOf, logStripeFailure, stripeFailure } from "@/lib/stripe-errors";

/*
 * "Connect an existing Stripe account": Connect OAuth for Standard accounts (the legacy extension
 * flow). The seller authorizes on Stripe, Stripe redirects back with a one-time code and our `state`,
 * and we store the `stripe_user_id` the code is exchanged for — for the session user only.
 */

export const OAUTH_CALLBACK_PATH = "/api/connect/oauth/callback";

export function oauthConfigured(): boolean {
  return Boolean(env.stripeConnectClientId);
}

function clientId(surface: string): string {
  const id = env.stripeConnectClientId;
  if (!id) {
    throw new AppError(
      `conflict:${surface}`,
      "Connecting an existing Stripe account is not available on this platform yet (no Connect client id is configured).",
    );
  }
  return id;
}

/**
 * Whether connecting an existing account may take the place of the seller's current row: nothing to
 * lose when it was disconnected, or when it is an Express account that never finished onboarding.
 */
export function canConnectExisting(account: ConnectedAccount | null | undefined): boolean {
  return (
    !account || account.disconnectedAt !== null || (account.type === "express" && !account.detailsSubmitted)
  );
}

export async function startOAuth(seller: Seller): Promise<{ url: string; cookieValue: string }> {
  const id = clientId("oauth");
  if (!canConnectExisting(await getAccountByUserId({ userId: seller.id }))) {
    throw new AppError("conflict:oauth", "You already have a Stripe account on this platform.");
  }
  const { state, cookieValue } = issueOAuthState({
    userId: seller.id,
    secret: env.authSecret,
    now: nowSeconds(),
  });
  const url = new URL("/oauth/authorize", stripeConnectBaseUrl);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", id);
  url.searchParams.set("scope", "read_write");
  url.searchParams.set("redirect_uri", new URL(OAUTH_CALLBACK_PATH, env.APP_URL).toString());
  url.searchParams.set("state", state);
  // Prefills Stripe's form if the seller creates a new account there.
  url.searchParams.set("stripe_user[email]", seller.email);
  url.searchParams.set("stripe_user[country]", seller.country);
  if (seller.businessName) url.searchParams.set("stripe_user[business_name]", seller.businessName);
  return { url: url.toString(), cookieValue };
}

/** How the callback ended; the dashboard shows a message for each. Nothing is stored unless "connected". */
export type OAuthOutcome = "connected" | "denied" | "bad_state" | "failed" | "already_connected" | "taken";
export const OAUTH_OUTCOMES: readonly OAuthOutcome[] = [
  "connected",
  "denied",
  "bad_state",
  "failed",
  "already_connected",
  "taken",
];

export interface OAuthCallbackInput {
  code?: string;
  state?: string;
  error?: string;
  cookieValue?: string;
}

export async function completeOAuth(seller: Seller, input: OAuthCallbackInput): Promise<OAuthOutcome> {
  // The state is checked first, even on errors: an unverified callback is never acted on.
  const stateOk = verifyOAuthState({
    cookieValue: input.cookieValue,
    state: input.state,
    userId: seller.id,
    secret: env.authSecret,
    now: nowSeconds(),
  });
  if (!stateOk) return "bad_state";
  if (input.error) return input.error === "access_denied" ? "denied" : "failed";
  if (!input.code) return "failed";

  let stripeUserId: string | undefined;
  try {
    const token = await stripe.oauth.token(
      { grant_type: "authorization_code", code: input.code },
      { idempotencyKey: `oauth-token:${seller.id}:${input.state}` },
    );
    stripeUserId = token.stripe_user_id;
  } catch (error) {
    logStripeFailure(`connect oauth: code exchange for user ${seller.id}`, error);
    return "failed";
  }
  if (!stripeUserId) return "failed";
  try {
    const outcome = await attachStandardAccount(seller, stripeUserId);
    if (outcome === "connected") revalidateSeller(seller.id);
    return outcome;
  } catch (error) {
    console.error(`[connect oauth] storing ${stripeUserId} for user ${seller.id} failed`, error);
    return "failed";
  }
}

async function attachStandardAccount(seller: Seller, stripeUserId: string): Promise<OAuthOutcome> {
  const owner = await getAccountByStripeId({ stripeAccountId: stripeUserId });
  // Someone else's connection to the platform: deauthorizing would cut them off, so leave it be.
  if (owner && owner.userId !== seller.id) return "taken";

  let account: Stripe.Account;
  try {
    account = await stripe.accounts.retrieve(stripeUserId);
  } catch (error) {
    logStripeFailure(`connect oauth: accounts.retrieve ${stripeUserId}`, error);
    if (!owner) await deauthorizeQuietly(stripeUserId);
    return "failed";
  }
  const input = {
    userId: seller.id,
    stripeAccountId: stripeUserId,
    status: accountStatusFromStripe(account),
    stripeStateAt: nowSeconds(),
  };

  const existing = await getAccountByUserId({ userId: seller.id });
  if (!existing) {
    const row = await insertAccountForUser(input);
    if (row.stripeAccountId === stripeUserId) return "connected";
  } else if (existing.stripeAccountId === stripeUserId) {
    // The same account again (a reconnection, or the callback reloaded).
    if (existing.disconnectedAt) await replaceDisconnectedAccount(input);
    else await applyAccountStatus(input);
    return "connected";
  } else if (existing.disconnectedAt) {
    if (await replaceDisconnectedAccount(input)) return "connected";
  } else if (canConnectExisting(existing)) {
    if (await replaceUnusedExpressAccount({ ...input, previousStripeAccountId: existing.stripeAccountId })) {
      await discardPlatformAccount(existing.stripeAccountId);
      return "connected";
    }
  }
  // The seller already has a working account: give this authorization back rather than keep it unused.
  await deauthorizeQuietly(stripeUserId);
  return "already_connected";
}

async function deauthorizeQuietly(stripeUserId: string): Promise<void> {
  try {
    await stripe.oauth.deauthorize({ client_id: clientId("oauth"), stripe_user_id: stripeUserId });
  } catch (error) {
    logStripeFailure(`connect oauth: deauthorize ${stripeUserId}`, error);
  }
}

/**
 * Disconnects the seller's Standard account from the platform (Stripe's deauthorize). Their products
 * leave the shop; they can connect again, or create an Express account, afterwards.
 */
export async function disconnectStandardAccount(seller: Seller): Promise<ConnectedAccount> {
  const account = await requireConnectedAccount(seller, "oauth_disconnect");
  if (account.type !== "standard") {
    throw new AppError(
      "conflict:oauth_disconnect",
      "Only a Stripe account you connected yourself can be disconnected here. To close an Express account, contact support.",
    );
  }
  // Outside the try: a missing client id is our configuration, not a Stripe failure.
  const id = clientId("oauth_disconnect");
  try {
    await stripe.oauth.deauthorize(
      { client_id: id, stripe_user_id: account.stripeAccountId },
      { idempotencyKey: `oauth-deauthorize:${account.id}:${account.stripeAccountId}` },
    );
  } catch (error) {
    // invalid_client: Stripe already considers the platform disconnected (the seller revoked access
    // on their side). Our row should say so too.
    if (!isStripeErrorOf(error, "StripeInvalidClientError")) {
      throw stripeFailure(error, "oauth_disconnect", `oauth.deauthorize ${account.stripeAccountId}`);
    }
  }
  await markAccountDisconnected({ stripeAccountId: account.stripeAccountId, at: new Date() });
  revalidateSeller(seller.id);
  return (await getAccountByUserId({ userId: seller.id })) ?? account;
}
