import type Stripe from "stripe";
import { expect, type Page } from "@playwright/test";

/** Page helpers for the admin console (/admin). */

export const ADMIN_PAGES = [
  "/admin",
  "/admin/sellers",
  "/admin/sellers/00000000-0000-4000-8000-000000000000",
  "/admin/orders",
  "/admin/orders/00000000-0000-4000-8000-000000000000",
  "/admin/events",
  "/admin/audit",
  "/admin/jobs",
  "/admin/disputes",
  "/admin/disputes/00000000-0000-4000-8000-000000000000",
  "/admin/stripe-app",
] as const;

export async function openAdminOrder(page: Page, orderId: string) {
  await page.goto(`/admin/orders?q=${orderId}`);
  await page.getByRole("row").filter({ hasText: orderId }).getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/admin/orders/${orderId}$`));
}

/** Fills the refund form on an admin order page, previews the refund and confirms it. */
export async function refundOrder(
  page: Page,
  input: {
    amount: { all: true } | string;
    reason?: "Requested by the customer" | "Duplicate payment" | "Fraudulent payment";
    returnFee: boolean;
  },
) {
  if (typeof input.amount !== "string") await page.getByRole("button", { name: "Refund all" }).click();
  else await page.getByLabel(/^Amount/).fill(input.amount);
  await page.getByLabel("Reason").selectOption({ label: input.reason ?? "Requested by the customer" });
  const fee = page.getByLabel("Return the platform fee");
  if (input.returnFee) await fee.check();
  else await fee.uncheck();
  await page.getByRole("button", { name: "Preview refund" }).click();
  await expect(page.getByTestId("refund-preview")).toBeVisible();
  await page.getByRole("button", { name: "Confirm refund" }).click();
}

/** Reloads the admin order page until the webhook has set the refund state (the page does not poll). */
export async function expectRefundState(
  page: Page,
  state: "partially refunded" | "refunded" | "not refunded",
) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("admin-refund-state")).toHaveText(state, { timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
}

/** Where an order's payment lives in the e2e emulator: the connected account, its PaymentIntent and charge. */
export async function findOrderPayment(stripe: Stripe, orderId: string) {
  for await (const account of stripe.accounts.list({ limit: 100 })) {
    const intents = await stripe.paymentIntents
      .list({ limit: 100 }, { stripeAccount: account.id })
      .autoPagingToArray({ limit: 1000 })
      .catch((error: unknown) => {
        // A seller who disconnected the platform (an earlier spec's OAuth seller): not ours to read.
        if ((error as { type?: string }).type === "StripePermissionError") return [];
        throw error;
      });
    for (const intent of intents) {
      if (intent.metadata.order_id !== orderId || intent.status !== "succeeded") continue;
      const chargeId =
        typeof intent.latest_charge === "string" ? intent.latest_charge : intent.latest_charge?.id;
      if (!chargeId) continue;
      const charge = await stripe.charges.retrieve(chargeId, {}, { stripeAccount: account.id });
      return { accountId: account.id, intent, charge };
    }
  }
  throw new Error(`no succeeded payment for order ${orderId} in the emulator`);
}

/** Available + pending balance of a connected account in one currency (minor units). */
export async function accountBalance(stripe: Stripe, accountId: string, currency = "usd"): Promise<number> {
  const balance = await stripe.balance.retrieve({}, { stripeAccount: accountId });
  return [...balance.available, ...balance.pending]
    .filter((b) => b.currency === currency)
    .reduce((s, b) => s + b.amount, 0);
}

/** The platform's own balance (available + pending) in one currency: where application fees land. */
export async function platformBalance(stripe: Stripe, currency = "usd"): Promise<number> {
  const balance = await stripe.balance.retrieve();
  return [...balance.available, ...balance.pending]
    .filter((b) => b.currency === currency)
    .reduce((s, b) => s + b.amount, 0);
}

/** Waits until Stripe (the emulator) has opened a dispute on the payment; its id. */
export async function waitForDispute(
  stripe: Stripe,
  payment: { accountId: string; charge: { id: string } },
): Promise<string> {
  let disputeId = "";
  await expect
    .poll(
      async () => {
        const list = await stripe.disputes.list({ limit: 100 }, { stripeAccount: payment.accountId });
        disputeId = list.data.find((d) => d.charge === payment.charge.id)?.id ?? "";
        return disputeId;
      },
      { timeout: 30_000 },
    )
    .not.toBe("");
  return disputeId;
}
