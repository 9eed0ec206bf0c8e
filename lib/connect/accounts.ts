import "server-only";
import type Stripe from "stripe";
import {
  applyRetrievedAccountStatus,
  getAccountByUserId,
  insertAccountForUser,
  replaceDisconnectedAccount,
} from "@/db/queries/connected-accounts";
import type { ConnectedAccount, User } from "@/db/schema";
import { revalidateSeller } from "@/lib/cache";
import { AppError } from "@/lib/errors";
import type { Seller } from "@/lib/guards";
import { stripe } from "@/lib/stripe";
import { accountStatusFromStripe } from "./account-status";
import { logStripeFailure, stripeFailure } from "@/lib/stripe-errors";

/*
 * The seller's one connected account. Express accounts are created with controller properties: the
 * platform pays Stripe's fees and carries negative balances (losses), the seller gets the Express
 * dashboard. Ownership always comes from the session user handed in by the caller: every function takes
 * a `Seller`, which the route, action or page proved once with its guard (lib/guards), so none checks again.
 */

export const EXPRESS_CONTROLLER = {
  fees: { payer: "application" },
  losses: { payments: "application" },
  stripe_dashboard: { type: "express" },
} as const satisfies Stripe.AccountCreateParams.Controller;

/** Everything we already know about the seller, so Stripe's onboarding does not ask again. */
export function expressAccountParams(
  user: Pick<User, "id" | "email" | "country" | "name" | "businessName">,
): Stripe.AccountCreateParams {
  return {
    controller: EXPRESS_CONTROLLER,
    country: user.country,
    email: user.email,
    business_profile: { name: user.businessName ?? user.name },
    capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
    metadata: { platform_user_id: user.id },
  };
}

/**
 * One key per seller, so two concurrent "Start selling" clicks (or a retry after a lost response) get
 * the same Stripe account. A seller whose previous account was disconnected gets a new key, because
 * replaying the old creation would hand back the account they just left.
 */
export function accountCreateIdempotencyKey(
  userId: string,
  previous?: Pick<ConnectedAccount, "stripeAccountId">,
): string {
  return previous ? `account-create:${userId}:after:${previous.stripeAccountId}` : `account-create:${userId}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** The seller's connected (not disconnected) account, or a 409 telling them to start onboarding. */
export async function requireConnectedAccount(seller: Seller, surface: string): Promise<ConnectedAccount> {
  const account = await getAccountByUserId({ userId: seller.id });
  if (!account || account.disconnectedAt) {
    throw new AppError(
      `conflict:${surface}`,
      'You don\'t have a Stripe account on this platform yet. Start onboarding from your dashboard ("Start selling") first.',
    );
  }
  return account;
}

/** Express-only features (embedded components, hosted onboarding, Express login) refuse Standard accounts. */
export function requireExpress(account: ConnectedAccount, surface: string): ConnectedAccount {
  if (account.type !== "express") {
    throw new AppError(
      `conflict:${surface}`,
      "Your Stripe account is a Standard account: manage it in your own Stripe Dashboard at dashboard.stripe.com.",
    );
  }
  return account;
}

export interface EnsureAccountResult {
  account: ConnectedAccount;
  /** False when the seller already had an account: nothing was created. */
  created: boolean;
}

/**
 * Returns the seller's account, creating an Express account first if they have none (or theirs was
 * disconnected). Race-safe: the idempotency key makes concurrent calls get one Stripe account, and the
 * unique index on connected_accounts.user_id makes them share one row. Nothing is written if Stripe fails.
 */
export async function ensureExpressAccount(seller: Seller): Promise<EnsureAccountResult> {
  const existing = await getAccountByUserId({ userId: seller.id });
  if (existing && !existing.disconnectedAt) return { account: existing, created: false };

  let created: Stripe.Account;
  try {
    created = await stripe.accounts.create(expressAccountParams(seller), {
      idempotencyKey: accountCreateIdempotencyKey(seller.id, existing),
    });
  } catch (error) {
    throw stripeFailure(error, "connect_account", `accounts.create for user ${seller.id}`);
  }

  const input = {
    userId: seller.id,
    stripeAccountId: created.id,
    status: accountStatusFromStripe(created),
    stripeStateAt: nowSeconds(),
  };
  const row = existing
    ? ((await replaceDisconnectedAccount(input)) ?? (await getAccountByUserId({ userId: seller.id })))
    : await insertAccountForUser(input);
  if (!row) throw new Error(`no connected account row for user ${seller.id} after creating ${created.id}`);
  if (row.stripeAccountId !== created.id) {
    // Another flow (an OAuth connection) took the seller's single row meanwhile: the account we just
    // made would be an orphan nobody can reach, so remove it from Stripe.
    await discardPlatformAccount(created.id);
    return { account: row, created: false };
  }
  return { account: row, created: true };
}

/** Deletes an Express account the platform created but no seller uses. Best effort: logged, never thrown. */
export async function discardPlatformAccount(stripeAccountId: string): Promise<void> {
  try {
    await stripe.accounts.del(stripeAccountId);
  } catch (error) {
    logStripeFailure(`connect: deleting unused account ${stripeAccountId}`, error);
  }
}

/**
 * Reads the account from Stripe and stores its status (the Account Link return page, onboarding's
 * onExit, the seed). Webhooks do the same on account.updated (`applyAccountStatus` keeps the newest
 * event); a read made now is newer than any event already applied.
 */
export async function refreshAccountStatus(account: ConnectedAccount): Promise<ConnectedAccount> {
  let fresh: Stripe.Account;
  try {
    fresh = await stripe.accounts.retrieve(account.stripeAccountId);
  } catch (error) {
    throw stripeFailure(error, "account_status", `accounts.retrieve ${account.stripeAccountId}`);
  }
  const status = accountStatusFromStripe(fresh);
  await applyRetrievedAccountStatus({ stripeAccountId: account.stripeAccountId, status, now: nowSeconds() });
  revalidateSeller(account.userId);
  const row = (await getAccountByUserId({ userId: account.userId })) ?? account;
  // The answer is what Stripe just said, even if an older account.updated from the same second was
  // applied in between (the row then catches up with the next event).
  return { ...row, ...status };
}

/** The seller's status, freshly read from Stripe (for pages the seller returns to from Stripe). */
export async function refreshSellerStatus(seller: Seller): Promise<ConnectedAccount | null> {
  const account = await getAccountByUserId({ userId: seller.id });
  if (!account || account.disconnectedAt) return account ?? null;
  return refreshAccountStatus(account);
}

/** What the JSON API shows a seller about their own account. */
export function publicAccount(account: ConnectedAccount) {
  return {
    id: account.stripeAccountId,
    type: account.type,
    country: account.country,
    detailsSubmitted: account.detailsSubmitted,
    chargesEnabled: account.chargesEnabled,
    payoutsEnabled: account.payoutsEnabled,
    requirementsCurrentlyDue: account.requirementsCurrentlyDue,
    requirementsPastDue: account.requirementsPastDue,
    disabledReason: account.disabledReason,
  };
}

/** The seller's row as stored (connected or disconnected), or null: for pages deciding what to show. */
export async function getSellerAccount(seller: Seller): Promise<ConnectedAccount | null> {
  return (await getAccountByUserId({ userId: seller.id })) ?? null;
}
