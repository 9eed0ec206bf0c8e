import type Stripe from "stripe";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, signOut, uniqueEmail } from "./support/auth";
import {
  CARDS,
  expectOrderStatus,
  openProduct,
  orderIdFromUrl,
  pay,
  paymentIntentsForOrder,
  startCheckout,
} from "./support/checkout";
import { control, webhooksSettled } from "./support/emulator";

/*
 * Issue 21's journey, "charge when it ships": a guest buys 3 of alice's made-to-order planters and is
 * only authorised; alice ships 2, so the buyer is charged for 2 with the platform fee recomputed for 2
 * and the third released. A second order is left alone: once the emulator's clock passes the job's
 * margin (24 h before Stripe's 7-day expiry), the expire-authorizations job releases it and both the
 * buyer and alice see why. The emulator clock is shared with later specs: this only moves it forward.
 */

const PLANTER = { name: "Made-to-order planter", price: 4_800 } as const;
const AUTHORISED = "Authorised — you will be charged when it ships";

async function settle() {
  await expect.poll(() => webhooksSettled(), { timeout: 60_000 }).toBe(true);
}

/** A guest buys `quantity` planters; returns the order page's URL (its token lets anyone holding it in). */
async function buyPlanters(page: Page, quantity: number): Promise<{ url: string; orderId: string }> {
  await openProduct(page, PLANTER.name);
  await expect(page.getByTestId("capture-later")).toContainText("Charged when it ships");
  await startCheckout(page, quantity);
  await expect(page.getByTestId("capture-later-note").first()).toContainText(
    "You will be charged when it ships",
  );
  await pay(page, CARDS.visa, uniqueEmail("planter-buyer"));
  await expectOrderStatus(page, AUTHORISED);
  return { url: page.url(), orderId: orderIdFromUrl(page) };
}

async function intentOf(orderId: string): Promise<Stripe.PaymentIntent> {
  const [found] = await paymentIntentsForOrder(orderId);
  if (!found) throw new Error(`no PaymentIntent for order ${orderId}`);
  return found.intent;
}

test("seller ships 2 of 3: the buyer pays for 2, the fee is for 2, the rest is released; an unshipped order is released by the job", async ({
  page,
}) => {
  test.setTimeout(180_000);
  // 1. The buyer authorises 3 × $48.00: nothing is charged yet.
  const first = await buyPlanters(page, 3);
  await expect(page.getByTestId("order-charged")).toHaveText("Nothing yet");
  const authorised = await intentOf(first.orderId);
  expect(authorised).toMatchObject({ status: "requires_capture", capture_method: "manual", amount: 14_400 });
  expect(authorised.amount_received).toBe(0);
  const feeForThree = authorised.application_fee_amount ?? 0;
  expect(feeForThree).toBeGreaterThan(0);

  // 2. Alice finds it on her "To ship" page and ships 2.
  await signIn(page, DEMO.alice);
  await page.goto("/dashboard/orders");
  await page
    .getByRole("link", { name: new RegExp(`^${PLANTER.name}`) })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/orders/${first.orderId}$`));
  await expect(page.getByTestId("seller-order-status")).toHaveText("Authorised: waiting for you to ship");
  await page.getByLabel("Quantity shipped").fill("2");
  const preview = page.getByTestId("ship-preview");
  await expect(preview).toContainText("The buyer is charged $96.00 for 2 of 3; $48.00 is released");
  const shownFee = /Platform fee \$(\d+\.\d\d)/.exec((await preview.textContent()) ?? "")?.[1];
  expect(shownFee).toBeTruthy();
  await page.getByRole("button", { name: "Ship and charge" }).click();
  await expect(page.getByTestId("capture-outcome")).toContainText("$96.00 for 2");
  await expect(page.getByTestId("capture-outcome")).toContainText("$48.00");
  await expect(page.getByTestId("seller-order-status")).toHaveText("Shipped 2 of 3: paid");

  // Stripe charged 2 planters and took the platform fee for 2, not for 3.
  const captured = await intentOf(first.orderId);
  expect(captured).toMatchObject({ status: "succeeded", amount_received: 9_600 });
  expect(captured.application_fee_amount).toBe(Math.round(Number(shownFee) * 100));
  expect(captured.application_fee_amount).toBeLessThan(feeForThree);
  const charge = (await paymentIntentsForOrder(first.orderId))[0]?.charges[0];
  expect(charge?.amount_captured).toBe(9_600);
  // Stripe shows the released $48.00 as refunded on the charge; it was never charged, and our pages say
  // "released", never "refunded" (checked below).
  expect(charge?.amount_refunded).toBe(4_800);
  await settle();

  // 3. The buyer's page says what was charged and what was released.
  await signOut(page);
  await page.goto(first.url);
  await expect(page.getByTestId("order-charged")).toHaveText("$96.00 for 2");
  await expectOrderStatus(page, "Shipped in part");
  await expect(page.getByText(/the remaining \$48\.00 of the authorisation was released/)).toBeVisible();
  await expect(page.getByText(/refunded/i)).toHaveCount(0);

  // 4. A second order that alice never ships.
  const second = await buyPlanters(page, 1);
  await settle();
  // Past the margin (24 h before the 7-day expiry), not past the expiry itself.
  await control("/clock/advance", { seconds: 6 * 86_400 + 3_600 });
  await signIn(page, DEMO.admin);
  await page.goto("/admin/jobs");
  await page.getByRole("button", { name: "Run now expire-authorizations" }).click();
  // The job may have run by itself already (the cron ticks): then this run finds nothing left to do.
  await expect(
    page.getByRole("status").filter({ hasText: /^expire-authorizations: \d+ released/, visible: true }),
  ).toBeVisible({ timeout: 30_000 });
  await settle();
  const released = await intentOf(second.orderId);
  expect(released).toMatchObject({ status: "canceled", amount_received: 0 });

  // Both parties are told: the buyer on the order page, alice on her "To ship" page.
  await signOut(page);
  await page.goto(second.url);
  await expectOrderStatus(page, "Order canceled");
  await expect(page.getByText(/did not ship this order in time/)).toBeVisible();
  await expect(page.getByText(/you were not charged/)).toBeVisible();
  await signIn(page, DEMO.alice);
  await page.goto("/dashboard/orders");
  const row = page.getByTestId("released").filter({ hasText: "Not shipped in time", visible: true });
  await expect(row.first()).toBeVisible();
  await page.goto(`/dashboard/orders/${second.orderId}`);
  await expect(page.getByTestId("seller-order-status")).toContainText("Not shipped in time");
  await expect(page.getByTestId("seller-order-paid")).toHaveText("Nothing: the authorisation was released");
});
