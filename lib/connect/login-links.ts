import "server-only";
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { stripe } from "@/lib/stripe";
import type { Seller } from "@/lib/guards";
import { requireConnectedAccount, requireExpress } from "./accounts";
import { stripeFailure } from "@/lib/stripe-errors";

/**
 * A single-use link into the Express dashboard for the session user's own account. Stripe only makes
 * them for Express accounts that finished onboarding; we say so before asking.
 */
export async function createLoginLinkForSeller(seller: Seller): Promise<string> {
  const account = requireExpress(await requireConnectedAccount(seller, "login_link"), "login_link");
  if (!account.detailsSubmitted) {
    throw new AppError(
      "conflict:login_link",
      "Finish onboarding first: the Express dashboard opens once Stripe has your details.",
    );
  }
  try {
    const link = await stripe.accounts.createLoginLink(
      account.stripeAccountId,
      {},
      { idempotencyKey: `login-link:${account.id}:${randomUUID()}` },
    );
    return link.url;
  } catch (error) {
    throw stripeFailure(error, "login_link", `accounts.createLoginLink ${account.stripeAccountId}`);
  }
}
