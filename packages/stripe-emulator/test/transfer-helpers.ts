/** Shared by the transfer tests: platform payments, balances in USD, events of one type. */
import type Stripe from "stripe";
import type { TestEmulator } from "./helpers";

/** A platform payment (no Stripe-Account) with `pm_card_visa` unless `extra` says otherwise. */
export async function platformCharge(
  t: TestEmulator,
  amount: number,
  extra: Partial<Stripe.PaymentIntentCreateParams> = {},
): Promise<{ pi: Stripe.PaymentIntent; charge: Stripe.Charge }> {
  const pi = await t.stripe.paymentIntents.create({
    amount,
    currency: "usd",
    payment_method: "pm_card_visa",
    confirm: true,
    automatic_payment_methods: { enabled: true, allow_redirects: "never" },
    ...extra,
  });
  const charge = await t.stripe.charges.retrieve(pi.latest_charge as string);
  return { pi, charge };
}

/** The USD balance of the platform (no account) or of a connected account. */
export async function usd(
  t: TestEmulator,
  account?: string,
): Promise<{ available: number; pending: number; total: number }> {
  const balance = await t.stripe.balance.retrieve({}, account ? { stripeAccount: account } : {});
  const available = balance.available.find((b) => b.currency === "usd")?.amount ?? 0;
  const pending = balance.pending.find((b) => b.currency === "usd")?.amount ?? 0;
  return { available, pending, total: available + pending };
}

/** Events of `type` (newest first) whose object has id `id`. */
export async function eventsFor(t: TestEmulator, type: string, id: string): Promise<Stripe.Event[]> {
  const list = await t.control<{ data: Stripe.Event[] }>(`/_emulator/events?type=${type}`);
  return list.data.filter((e) => (e.data.object as { id?: string }).id === id);
}

export const DAYS = 86_400;
