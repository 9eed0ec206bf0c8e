import "server-only";
import type Stripe from "stripe";
import type { User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { stripe } from "@/lib/stripe";
import { stripeFailure } from "@/lib/stripe-errors";
import { knownPlatformCustomer, platformCustomerFor } from "./customers";

/*
 * A buyer's saved cards: PaymentMethods attached to their platform Customer. Stripe is the one record
 * of them (nothing is copied into our tables); every read and every use checks, at Stripe, that the card
 * is attached to the caller's own Customer — so nobody sees, sets, removes or pays with another's card,
 * and a removed (detached) card is refused even from a page opened before it was removed.
 *
 * Cards are set up with `usage: "on_session"`: the platform only ever charges a saved card while the buyer
 * is at checkout and clicks Pay, so Stripe may ask them to authenticate again then (3-D Secure), and
 * nothing is charged while they are away. `off_session` would be the choice for charging absent buyers.
 */

export const CARD_SETUP_USAGE = "on_session" as const;

export interface SavedCard {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  isDefault: boolean;
}

type Buyer = Pick<User, "id" | "email" | "name">;

const NOT_SAVED = "This card is not saved on your account any more. Reload the page and choose another.";

function cardOf(pm: Stripe.PaymentMethod, defaultId: string | null): SavedCard {
  return {
    id: pm.id,
    brand: pm.card?.brand ?? "card",
    last4: pm.card?.last4 ?? "????",
    expMonth: pm.card?.exp_month ?? 0,
    expYear: pm.card?.exp_year ?? 0,
    isDefault: pm.id === defaultId,
  };
}

function defaultOf(customer: Stripe.Customer | Stripe.DeletedCustomer): string | null {
  if (customer.deleted) return null;
  const pm = customer.invoice_settings.default_payment_method;
  return typeof pm === "string" ? pm : (pm?.id ?? null);
}

/** The buyer's saved cards, the default first. No Stripe call for a buyer who never saved one. */
export async function listSavedCards(buyer: Pick<User, "id">): Promise<SavedCard[]> {
  const customerId = await knownPlatformCustomer(buyer);
  if (!customerId) return [];
  try {
    const [customer, methods] = await Promise.all([
      stripe.customers.retrieve(customerId),
      stripe.paymentMethods.list({ customer: customerId, type: "card", limit: 100 }),
    ]);
    const defaultId = defaultOf(customer);
    return methods.data
      .map((pm) => cardOf(pm, defaultId))
      .sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  } catch (error) {
    throw stripeFailure(error, "wallet", `paymentMethods.list for ${customerId}`);
  }
}

/**
 * The card `paymentMethodId` if it is saved on the buyer's own platform Customer; otherwise "not found",
 * whether it is someone else's, removed, made up, or a connected account's clone.
 */
export async function ownedCard(
  buyer: Pick<User, "id">,
  paymentMethodId: string,
): Promise<{ customerId: string; paymentMethod: Stripe.PaymentMethod }> {
  const customerId = await knownPlatformCustomer(buyer);
  if (!customerId || !/^pm_[A-Za-z0-9_]+$/.test(paymentMethodId))
    throw new AppError("not_found:saved_card", NOT_SAVED);
  let paymentMethod: Stripe.PaymentMethod;
  try {
    paymentMethod = await stripe.paymentMethods.retrieve(paymentMethodId);
  } catch (error) {
    const failure = stripeFailure(error, "wallet", `paymentMethods.retrieve ${paymentMethodId}`);
    if (failure.code === "conflict:wallet") throw new AppError("not_found:saved_card", NOT_SAVED);
    throw failure;
  }
  const owner =
    typeof paymentMethod.customer === "string" ? paymentMethod.customer : paymentMethod.customer?.id;
  if (owner !== customerId) throw new AppError("not_found:saved_card", NOT_SAVED);
  return { customerId, paymentMethod };
}

/**
 * Starts adding a card: a SetupIntent on the buyer's platform Customer (created on first use), confirmed
 * by Stripe.js in the browser. On success Stripe attaches the card to the Customer.
 */
export async function startCardSetup(buyer: Buyer): Promise<{ clientSecret: string }> {
  const customer = await platformCustomerFor(buyer);
  try {
    const intent = await stripe.setupIntents.create({
      customer,
      usage: CARD_SETUP_USAGE,
      allowed_payment_method_types: ["card"],
      metadata: { user_id: buyer.id },
    });
    if (!intent.client_secret) throw new Error(`SetupIntent ${intent.id} has no client_secret`);
    return { clientSecret: intent.client_secret };
  } catch (error) {
    throw stripeFailure(error, "wallet", `setupIntents.create for ${customer}`);
  }
}

/**
 * After the browser confirmed a SetupIntent: checks it is the buyer's and succeeded, and makes the card
 * the default when the buyer had none. Returns the card.
 */
export async function finishCardSetup(buyer: Pick<User, "id">, setupIntentId: string): Promise<SavedCard> {
  const customerId = await knownPlatformCustomer(buyer);
  if (!customerId || !/^seti_[A-Za-z0-9_]+$/.test(setupIntentId))
    throw new AppError("not_found:setup_intent", "This card setup was not found. Please add the card again.");
  let intent: Stripe.SetupIntent;
  try {
    intent = await stripe.setupIntents.retrieve(setupIntentId);
  } catch (error) {
    throw stripeFailure(error, "wallet", `setupIntents.retrieve ${setupIntentId}`);
  }
  const owner = typeof intent.customer === "string" ? intent.customer : intent.customer?.id;
  const pm = typeof intent.payment_method === "string" ? intent.payment_method : intent.payment_method?.id;
  if (owner !== customerId)
    throw new AppError("not_found:setup_intent", "This card setup was not found. Please add the card again.");
  if (intent.status !== "succeeded" || !pm)
    throw new AppError("conflict:setup_intent", "The card was not saved: its setup did not complete.");
  const cards = await listSavedCards(buyer);
  if (!cards.some((c) => c.isDefault)) await setDefaultCard(buyer, pm);
  const card = (await listSavedCards(buyer)).find((c) => c.id === pm);
  if (!card) throw new AppError("conflict:setup_intent", NOT_SAVED);
  return card;
}

/** Makes one of the buyer's own cards the one checkout offers first. */
export async function setDefaultCard(buyer: Pick<User, "id">, paymentMethodId: string): Promise<void> {
  const { customerId } = await ownedCard(buyer, paymentMethodId);
  try {
    await stripe.customers.update(customerId, {
      invoice_settings: { default_payment_method: paymentMethodId },
    });
  } catch (error) {
    throw stripeFailure(error, "wallet", `customers.update default for ${customerId}`);
  }
}

/** Removes one of the buyer's own cards (detaches it): it can never be charged again. */
export async function removeCard(buyer: Pick<User, "id">, paymentMethodId: string): Promise<void> {
  await ownedCard(buyer, paymentMethodId);
  try {
    await stripe.paymentMethods.detach(paymentMethodId);
  } catch (error) {
    throw stripeFailure(error, "wallet", `paymentMethods.detach ${paymentMethodId}`);
  }
  // The default went with it: the next card (if any) becomes the one checkout offers first.
  const left = await listSavedCards(buyer);
  const next = left[0];
  if (next && !left.some((c) => c.isDefault)) await setDefaultCard(buyer, next.id);
}
