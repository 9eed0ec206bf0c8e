import "server-only";
import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { stripe } from "@/lib/stripe";
import type { Seller } from "@/lib/guards";
import { requireConnectedAccount, requireExpress } from "./accounts";
import { stripeFailure } from "@/lib/stripe-errors";

/*
 * Account Sessions for the embedded Connect components, always for the session user's own account.
 * Features follow what an Express account may do on this platform:
 * - refunds and disputes are the platform's job (it carries the losses), so neither is offered;
 * - orders are captured automatically at checkout, so no manual capture from the payments list;
 * - sellers may manage their bank account and payout schedule; instant payouts cost fees the
 *   platform pays, so they stay off.
 */
const EXTERNAL_ACCOUNTS = { external_account_collection: true } as const;

/** Payouts and balances show the same controls: standard payouts on the seller's schedule, no instant. */
const PAYOUT_FEATURES = {
  ...EXTERNAL_ACCOUNTS,
  edit_payout_schedule: true,
  standard_payouts: true,
  instant_payouts: false,
};

export const EXPRESS_SESSION_COMPONENTS = {
  account_onboarding: { enabled: true, features: EXTERNAL_ACCOUNTS },
  account_management: { enabled: true, features: EXTERNAL_ACCOUNTS },
  notification_banner: { enabled: true, features: EXTERNAL_ACCOUNTS },
  payouts: { enabled: true, features: PAYOUT_FEATURES },
  balances: { enabled: true, features: PAYOUT_FEATURES },
  payments: {
    enabled: true,
    features: { refund_management: false, dispute_management: false, capture_payments: false },
  },
  documents: { enabled: true },
} as const satisfies Stripe.AccountSessionCreateParams.Components;

/**
 * Creates an Account Session for the seller's own Express account and returns only its client secret
 * (the rest of the session, like the account id, stays on the server).
 */
export async function createAccountSessionForSeller(seller: Seller): Promise<string> {
  const account = requireExpress(await requireConnectedAccount(seller, "account_session"), "account_session");
  try {
    const session = await stripe.accountSessions.create(
      { account: account.stripeAccountId, components: EXPRESS_SESSION_COMPONENTS },
      // Each page load needs a new session (they are single-use), so the key only guards the SDK's
      // own retries of this one request; it still starts from our row id for tracing.
      { idempotencyKey: `account-session:${account.id}:${randomUUID()}` },
    );
    return session.client_secret;
  } catch (error) {
    throw stripeFailure(error, "account_session", `accountSessions.create for ${account.stripeAccountId}`);
  }
}
