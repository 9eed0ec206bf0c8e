import "server-only";
import {
  getConnectedCustomerId,
  getPlatformCustomerId,
  saveConnectedCustomerId,
  savePlatformCustomerId,
} from "@/db/queries/customers";
import type { User } from "@/db/schema";
import { stripe } from "@/lib/stripe";
import { stripeFailure } from "@/lib/stripe-errors";

/*
 * A signed-in buyer's Stripe Customers. One on the platform holds their saved cards (cloned to a seller's
 * account for each direct charge); one per seller's account holds the clones that seller charged.
 *
 * Created once, race-safe without a lock: the idempotency key is the buyer's (and the account's) id, so
 * two concurrent first purchases get the same Customer back from Stripe, and the table keeps the first id
 * written (insert … on conflict do nothing, then read). Stripe keeps keys for 24 hours; by then the row
 * exists, so a Customer is never made twice for anyone who got one recorded.
 */

type Buyer = Pick<User, "id" | "email" | "name">;

/** The buyer's platform Customer id, created on first use. */
export async function platformCustomerFor(buyer: Buyer): Promise<string> {
  const known = await getPlatformCustomerId({ userId: buyer.id });
  if (known) return known;
  let created;
  try {
    created = await stripe.customers.create(
      { email: buyer.email, name: buyer.name, metadata: { user_id: buyer.id } },
      { idempotencyKey: `buyer-customer-${buyer.id}` },
    );
  } catch (error) {
    throw stripeFailure(error, "wallet", `customers.create for user ${buyer.id}`);
  }
  return savePlatformCustomerId({ userId: buyer.id, stripeCustomerId: created.id });
}

/** The buyer's platform Customer id if they ever saved a card (no Stripe call otherwise). */
export async function knownPlatformCustomer(buyer: Pick<User, "id">): Promise<string | undefined> {
  return getPlatformCustomerId({ userId: buyer.id });
}

/** The buyer's Customer on a seller's connected account, created on first purchase there. */
export async function connectedCustomerFor(buyer: Buyer, stripeAccountId: string): Promise<string> {
  const known = await getConnectedCustomerId({ userId: buyer.id, stripeAccountId });
  if (known) return known;
  let created;
  try {
    created = await stripe.customers.create(
      { email: buyer.email, name: buyer.name, metadata: { user_id: buyer.id } },
      { stripeAccount: stripeAccountId, idempotencyKey: `connected-customer-${buyer.id}-${stripeAccountId}` },
    );
  } catch (error) {
    throw stripeFailure(error, "wallet", `customers.create on ${stripeAccountId} for user ${buyer.id}`);
  }
  return saveConnectedCustomerId({ userId: buyer.id, stripeAccountId, stripeCustomerId: created.id });
}
