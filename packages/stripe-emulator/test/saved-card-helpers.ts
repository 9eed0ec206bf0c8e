/**
 * Helpers for the saved-card tests (issue 22): platform Customers with a card set up by a SetupIntent, the
 * fake Stripe.js' 3-D Secure outcome, clones on a connected account, and the events an action emitted.
 */
import type Stripe from "stripe";
import { EMULATOR_DEFAULTS } from "../src/defaults";
import type { TestEmulator } from "./helpers";

export const NO_REDIRECTS = { enabled: true, allow_redirects: "never" } as const;

/** The fake Stripe.js' challenge outcome for a PaymentIntent or SetupIntent in requires_action. */
export async function authenticate<T extends Stripe.PaymentIntent | Stripe.SetupIntent>(
  t: TestEmulator,
  intent: T,
  outcome: "complete" | "fail",
  stripeAccount?: string,
): Promise<T> {
  const kind = intent.object === "setup_intent" ? "setup_intents" : "payment_intents";
  const res = await fetch(`${t.url}/_emulator/browser/${kind}/${intent.id}/authenticate`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...(stripeAccount ? { "Stripe-Account": stripeAccount } : {}),
    },
    body: JSON.stringify({ client_secret: intent.client_secret, outcome }),
  });
  if (!res.ok) throw new Error(`authenticate ${intent.id}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface SavedCard {
  customer: string;
  paymentMethod: string;
  setupIntent: Stripe.SetupIntent;
}

/**
 * A platform Customer with `card` (a test token) set up by a SetupIntent of `usage`, the 3-D Secure
 * challenge completed when the card asks for it: what the app's "add a card" does.
 */
export async function platformCardOf(
  t: TestEmulator,
  card = "pm_card_visa",
  usage: "on_session" | "off_session" = "off_session",
): Promise<SavedCard> {
  const customer = await t.stripe.customers.create({ email: "buyer@example.com" });
  let si = await t.stripe.setupIntents.create({
    customer: customer.id,
    usage,
    payment_method: card,
    confirm: true,
    automatic_payment_methods: NO_REDIRECTS,
  });
  if (si.status === "requires_action") si = await authenticate(t, si, "complete");
  if (si.status !== "succeeded" || typeof si.payment_method !== "string")
    throw new Error(`setup of ${card} did not succeed: ${si.status}`);
  return { customer: customer.id, paymentMethod: si.payment_method, setupIntent: si };
}

/** Clones a platform Customer's card onto `stripeAccount` (the PaymentMethod there, attached to nothing). */
export function cloneTo(
  t: TestEmulator,
  stripeAccount: string,
  saved: SavedCard,
): Promise<Stripe.PaymentMethod> {
  return t.stripe.paymentMethods.create(
    { customer: saved.customer, payment_method: saved.paymentMethod },
    { stripeAccount },
  );
}

/** A clone attached to a new Customer of `stripeAccount`: a card that account may charge again and again. */
export async function attachedClone(
  t: TestEmulator,
  stripeAccount: string,
  saved: SavedCard,
): Promise<{ customer: string; paymentMethod: string }> {
  const clone = await cloneTo(t, stripeAccount, saved);
  const customer = await t.stripe.customers.create({ email: "buyer@example.com" }, { stripeAccount });
  await t.stripe.paymentMethods.attach(clone.id, { customer: customer.id }, { stripeAccount });
  return { customer: customer.id, paymentMethod: clone.id };
}

/** Runs `act` and returns the events it emitted, oldest first, as `type` or `type@platform`. */
export async function emitted(t: TestEmulator, act: () => Promise<unknown>): Promise<string[]> {
  const all = async () => (await t.control<{ data: Stripe.Event[] }>("/_emulator/events")).data.reverse();
  const before = (await all()).length;
  await act();
  return (await all()).slice(before).map((e) => (e.account ? e.type : `${e.type}@platform`));
}

/** A raw request with the publishable key, as Stripe.js sends it (form-encoded). */
export function browserCall(
  t: TestEmulator,
  method: "GET" | "POST",
  path: string,
  form: Record<string, string>,
  stripeAccount?: string,
): Promise<Response> {
  const query = method === "GET" ? `?${new URLSearchParams(form).toString()}` : "";
  return fetch(`${t.url}${path}${query}`, {
    method,
    headers: {
      Authorization: `Bearer ${EMULATOR_DEFAULTS.publishableKey}`,
      "Content-Type": "application/x-www-form-urlencoded",
      ...(stripeAccount ? { "Stripe-Account": stripeAccount } : {}),
    },
    ...(method === "POST" ? { body: new URLSearchParams(form).toString() } : {}),
  });
}
