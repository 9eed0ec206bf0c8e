import "server-only";
import { randomUUID } from "node:crypto";
import { env } from "@/lib/env";
import { stripe } from "@/lib/stripe";
import type { Seller } from "@/lib/guards";
import { requireConnectedAccount, requireExpress } from "./accounts";
import { stripeFailure } from "@/lib/stripe-errors";

/*
 * Stripe-hosted onboarding, the fallback to the embedded component. Account Links are one-time URLs
 * that expire within minutes and give access to the seller's personal details, so one is made per
 * request, only for the session user, and only ever sent to that user's browser as a redirect.
 */

export const ACCOUNT_LINK_PATH = "/api/connect/account-link";
export const ACCOUNT_LINK_RETURN_PATH = "/dashboard/onboarding/return";

export function accountLinkUrls(appUrl = env.APP_URL) {
  return {
    // Stripe sends the seller here when the link expired or was already used: the route makes a fresh one.
    refresh_url: new URL(ACCOUNT_LINK_PATH, appUrl).toString(),
    return_url: new URL(ACCOUNT_LINK_RETURN_PATH, appUrl).toString(),
  };
}

export async function createOnboardingLinkForSeller(seller: Seller): Promise<string> {
  const account = requireExpress(await requireConnectedAccount(seller, "account_link"), "account_link");
  try {
    const link = await stripe.accountLinks.create(
      {
        account: account.stripeAccountId,
        type: "account_onboarding",
        collection_options: { fields: "currently_due" },
        ...accountLinkUrls(),
      },
      // A replayed link would be one Stripe already spent: the key is unique per request.
      { idempotencyKey: `account-link:${account.id}:${randomUUID()}` },
    );
    return link.url;
  } catch (error) {
    throw stripeFailure(error, "account_link", `accountLinks.create for ${account.stripeAccountId}`);
  }
}
