import type Stripe from "stripe";
import type { Transaction } from "@/db/client";
import {
  applyAccountStatus,
  getAccountByStripeId,
  markAccountDisconnected,
  markAccountReconnected,
} from "@/db/queries/connected-accounts";
import { newestAppliedEventAt } from "@/db/queries/stripe-events";
import { revalidateSeller } from "@/lib/cache";
import { accountStatusFromStripe } from "@/lib/connect/account-status";
import { canCharge } from "@/lib/connect/can-charge";
import { applied, ignored, type HandlerResult } from "./types";

/*
 * account.updated → the seller's onboarding state (details submitted, charges and payouts enabled,
 * requirements, disabled reason); account.application.authorized / deauthorized → connected or not.
 * A disconnected seller's products leave the shop through canChargeCondition() (disconnected_at).
 */

export async function handleAccountUpdated(event: Stripe.Event, tx: Transaction): Promise<HandlerResult> {
  const account = event.data.object as Stripe.Account;
  if (account.object !== "account") return ignored(`${event.type} does not carry an account`);
  const row = await getAccountByStripeId({ stripeAccountId: account.id }, tx);
  if (!row) return ignored(`No seller has the connected account ${account.id}.`);
  const status = accountStatusFromStripe(account);
  // event.created orders the snapshots: an older event that arrives late must not overwrite newer state.
  const changed = await applyAccountStatus(
    { stripeAccountId: account.id, status, stripeStateAt: event.created },
    tx,
  );
  if (changed && canCharge(row) !== canCharge({ ...row, ...status })) revalidateSeller(row.userId);
  return changed ? applied() : ignored("We already hold a newer state of this account.");
}

/** The connected account an application event is about: Connect events name it in `account`. */
function accountOf(event: Stripe.Event): string | null {
  return event.account ?? null;
}

export async function handleApplicationAuthorization(
  event: Stripe.Event,
  tx: Transaction,
): Promise<HandlerResult> {
  const stripeAccountId = accountOf(event);
  if (!stripeAccountId) return ignored(`${event.type} names no connected account.`);
  const row = await getAccountByStripeId({ stripeAccountId }, tx);
  if (!row) return ignored(`No seller has the connected account ${stripeAccountId}.`);
  const at = new Date(event.created * 1000);

  if (event.type === "account.application.deauthorized") {
    // A deauthorization older than an authorization we already applied is stale.
    const newest = await newestAppliedEventAt(
      {
        scope: { account: stripeAccountId },
        typePrefix: "account.application.authorized",
        excludeId: event.id,
        includeIgnored: true,
      },
      tx,
    );
    if (newest !== null && newest > event.created)
      return ignored("The seller authorized the platform again since.");
    const changed = await markAccountDisconnected({ stripeAccountId, at }, tx);
    if (changed) revalidateSeller(row.userId);
    return changed ? applied() : ignored("The account was already disconnected.");
  }
  const changed = await markAccountReconnected({ stripeAccountId, at }, tx);
  if (changed) revalidateSeller(row.userId);
  return changed
    ? applied()
    : ignored("The account is connected (or was disconnected after this authorization).");
}
