import { expect, test, type APIRequestContext } from "@playwright/test";
import { signedPayload } from "../stripe-app/src/contract";
import { findOrderPayment, openAdminOrder } from "./support/admin";
import { DEMO, signIn, uniqueEmail } from "./support/auth";
import {
  CARDS,
  DEMO_PRODUCT,
  emulatorStripe,
  expectOrderStatus,
  openProduct,
  orderIdFromUrl,
  pay,
  startCheckout,
} from "./support/checkout";

/*
 * The Stripe App as an admin sets it up: the app (here, requests signed exactly as Stripe signs them for
 * `fetchStripeSignature`, with the server's app signing secret) is refused for a Dashboard user nobody
 * linked and names them; the admin links that user at /admin/stripe-app; the app then sees a buyer's
 * payment as its order and refunds part of it, which the admin order page shows; after "Unlink" the app is
 * refused again.
 */

const SECRET = process.env.STRIPE_APP_SIGNING_SECRET!;

/** What the app's views send: the signed payload as the body, Stripe's signature of it in the header. */
async function askApp(
  request: APIRequestContext,
  route: "payment" | "refund",
  userId: string,
  payload: Record<string, unknown>,
) {
  const stripe = emulatorStripe();
  const accountId = (await stripe.accounts.retrieveCurrent()).id;
  const body = signedPayload(userId, accountId, { mode: "test", ...payload });
  const signature = stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET });
  return request.post(`/api/stripe-app/${route}`, {
    headers: { "content-type": "application/json", "stripe-signature": signature, origin: "null" },
    data: body,
  });
}

const askPayment = (request: APIRequestContext, userId: string, paymentId: string) =>
  askApp(request, "payment", userId, { payment_id: paymentId });

test("an admin links a Stripe Dashboard user, the app then shows a payment's order, unlinking stops it", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const dashboardUser = `usr_e2e${Date.now().toString(36)}`;
  await openProduct(page, DEMO_PRODUCT.name);
  await startCheckout(page, 1);
  await pay(page, CARDS.visa, uniqueEmail("stripe-app-guest"));
  await expectOrderStatus(page, "Payment succeeded");
  const orderId = orderIdFromUrl(page);
  const paymentId = (await findOrderPayment(emulatorStripe(), orderId)).intent.id;
  await signIn(page, DEMO.admin);

  const refused = await askPayment(request, dashboardUser, paymentId);
  expect(refused.status()).toBe(403);
  expect(refused.headers()["access-control-allow-origin"]).toBe("*");
  expect(((await refused.json()) as { error: { dashboardUserId: string } }).error.dashboardUserId).toBe(
    dashboardUser,
  );

  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Stripe App" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Stripe App" })).toBeVisible();
  await expect(page.getByTestId("stripe-app-secret")).toHaveText("Set (STRIPE_APP_SIGNING_SECRET)");
  const field = page.getByLabel("Your Stripe Dashboard user id");
  await field.fill("acct_not_a_user");
  await page.getByRole("button", { name: "Link to my admin account" }).click();
  await expect(page.getByText(/A Dashboard user id looks like usr_/)).toBeVisible();
  await expect(field).toHaveValue("acct_not_a_user");
  await field.fill(dashboardUser);
  await page.getByRole("button", { name: "Link to my admin account" }).click();
  await expect(page.getByText(`${dashboardUser} now acts as you`)).toBeVisible();
  await expect(
    page.getByTestId("stripe-app-link").filter({ hasText: dashboardUser }).filter({ visible: true }),
  ).toBeVisible();

  const answered = await askPayment(request, dashboardUser, paymentId);
  expect(answered.status()).toBe(200);
  const context = (await answered.json()) as { orders: { id: string; adminUrl: string }[] };
  expect(context.orders.map((o) => o.id)).toEqual([orderId]);
  expect(new URL(context.orders[0]!.adminUrl).pathname).toBe(`/admin/orders/${orderId}`);

  // Refund $1.00 on behalf of the seller from the app: preview, then confirm what was previewed.
  const refund = {
    order_id: orderId,
    amount: "1.00",
    reason: "requested_by_customer",
    refund_application_fee: false,
  };
  const preview = (await (
    await askApp(request, "refund", dashboardUser, { ...refund, intent: "preview" })
  ).json()) as {
    status: string;
    preview: { token: string };
  };
  expect(preview.status).toBe("preview");
  const done = await askApp(request, "refund", dashboardUser, {
    ...refund,
    intent: "confirm",
    token: preview.preview.token,
  });
  expect(((await done.json()) as { message: string }).message).toContain("Refunded $1.00");
  await openAdminOrder(page, orderId);
  await expect(
    page.getByText("Refunded (Stripe confirmed)").locator("xpath=following-sibling::dd[1]"),
  ).toHaveText("$1.00");
  await expect(page.getByText(/from the Stripe App \(Dashboard user usr_e2e/)).toBeVisible();
  await page.goto("/admin/stripe-app");

  await page
    .getByTestId("stripe-app-link")
    .filter({ hasText: dashboardUser })
    .filter({ visible: true })
    .getByRole("button", { name: /Unlink/ })
    .click();
  await expect(page.getByTestId("stripe-app-link").filter({ hasText: dashboardUser })).toHaveCount(0);
  expect((await askPayment(request, dashboardUser, paymentId)).status()).toBe(403);
});
