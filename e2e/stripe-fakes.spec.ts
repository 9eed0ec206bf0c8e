import { expect, test, type Locator, type Page } from "@playwright/test";
import { control, EMULATOR_URL } from "./support/emulator";

/**
 * The emulator's fake Stripe.js and Connect.js under the REAL @stripe/stripe-js/pure loader +
 * @stripe/react-stripe-js, and @stripe/connect-js/pure + @stripe/react-connect-js, on the harness page
 * the emulator serves itself (packages/stripe-emulator/src/harness, `/_emulator/harness/`): the product
 * has no test page any more. Both fakes render plain DOM (in open shadow roots), so getByLabel/getByRole
 * reach them like any page content.
 */

/** The emulator's harness page with `query` (absolute: it is not on the app's origin). */
const harness = (query: string) => `${EMULATOR_URL}/_emulator/harness/?${query}`;

const FUTURE_EXPIRY = `12 / ${String((new Date().getFullYear() + 3) % 100).padStart(2, "0")}`;

async function openPayment(page: Page, query: string) {
  await page.goto(harness(`view=payment&${query}`));
  await expect(page.getByTestId("payment-intent-id")).toHaveText(/^pi_/);
}

async function fillCard(page: Page, number: string, expiry = FUTURE_EXPIRY) {
  await page.getByLabel("Card number").fill(number);
  await page.getByLabel("Expiration date").fill(expiry);
  await page.getByLabel("Security code").fill("123");
  await page.getByLabel("ZIP / postal code").fill("94103");
}

const pay = (page: Page) => page.getByRole("button", { name: "Pay $25.00" }).click();

test.describe("fake Stripe.js with @stripe/react-stripe-js", () => {
  test("pays a direct charge with 4242 and redirects to return_url", async ({ page }) => {
    await openPayment(page, "flow=intent&redirect=always");
    const paymentElement = page.getByRole("group", { name: "Payment details" });
    await expect(paymentElement.getByText("TEST MODE")).toBeVisible();
    // appearance.variables reach the element.
    const cardInput = page.getByLabel("Card number");
    await expect(cardInput).toHaveCSS("border-radius", "10px");
    await expect(cardInput).toHaveCSS("font-family", /Georgia/);
    await expect(page.getByTestId("payment-element-ready")).toBeAttached();

    const piId = await page.getByTestId("payment-intent-id").innerText();
    await fillCard(page, "4242424242424242");
    await expect(cardInput).toHaveValue("4242 4242 4242 4242");
    await pay(page);

    await page.waitForURL(/view=return/);
    const url = new URL(page.url());
    expect(`${url.origin}${url.pathname}`).toBe(`${EMULATOR_URL}/_emulator/harness/`);
    expect(url.searchParams.get("payment_intent")).toBe(piId);
    expect(url.searchParams.get("redirect_status")).toBe("succeeded");
    expect(url.searchParams.get("payment_intent_client_secret")).toMatch(new RegExp(`^${piId}_secret_`));
    await expect(page.getByText("PaymentIntent status: succeeded")).toBeVisible();
  });

  test("shows Stripe's validation messages and the decline message for 9995", async ({ page }) => {
    await openPayment(page, "flow=deferred&redirect=if_required");
    await expect(page.getByTestId("payment-element-ready")).toBeAttached();
    await pay(page);
    await expect(
      page.getByRole("alert").filter({ hasText: "Your card number is incomplete." }),
    ).toBeVisible();

    await fillCard(page, "4000000000009995", "01 / 20");
    await pay(page);
    await expect(
      page.getByRole("alert").filter({ hasText: "Your card's expiration date is in the past." }),
    ).toBeVisible();

    await page.getByLabel("Expiration date").fill(FUTURE_EXPIRY);
    await pay(page);
    const alert = page.getByRole("alert").filter({ hasText: "Your card has insufficient funds." });
    await expect(alert).toBeVisible();
    await expect(alert.locator("[data-code]")).toHaveAttribute("data-code", "card_declined");
  });

  test("3155 opens the 3-D Secure challenge; failing then completing it", async ({ page }) => {
    await openPayment(page, "flow=intent&redirect=if_required");
    await expect(page.getByTestId("payment-element-ready")).toBeAttached();
    await fillCard(page, "4000002500003155");
    await pay(page);

    const challenge = page.getByRole("dialog", { name: "3D Secure 2 Test Page" });
    await expect(challenge).toBeVisible();
    await challenge.getByRole("button", { name: "Fail authentication" }).click();
    await expect(challenge).toBeHidden();
    await expect(page.getByRole("alert").filter({ hasText: /unable to authenticate/i })).toBeVisible();

    await pay(page);
    await expect(challenge).toBeVisible();
    await challenge.getByRole("button", { name: "Complete authentication" }).click();
    await expect(page.getByRole("status").filter({ hasText: /Payment succeeded: pi_/ })).toBeVisible();
  });

  test("without stripeAccount a direct charge fails like real Stripe.js", async ({ page }) => {
    // Elements created with the clientSecret: the Payment Element cannot load the intent.
    await openPayment(page, "flow=intent&stripeAccount=0&redirect=if_required");
    const piId = await page.getByTestId("payment-intent-id").innerText();
    await expect(
      page
        .getByRole("alert")
        .filter({ hasText: `No such payment_intent: '${piId}'` })
        .first(),
    ).toBeVisible();

    // Deferred intent creation: the form loads, confirming fails with resource_missing.
    await openPayment(page, "flow=deferred&stripeAccount=0&redirect=if_required");
    const deferredPi = await page.getByTestId("payment-intent-id").innerText();
    await expect(page.getByTestId("payment-element-ready")).toBeAttached();
    await fillCard(page, "4242424242424242");
    await pay(page);
    const alert = page.getByRole("alert").filter({ hasText: `No such payment_intent: '${deferredPi}'` });
    await expect(alert).toBeVisible();
    await expect(alert.locator("[data-code]")).toHaveAttribute("data-code", "resource_missing");
  });
});

function component(page: Page, name: string): Locator {
  return page.locator(`[data-component="${name}"]`);
}

function events(page: Page): Locator {
  return page.getByRole("list", { name: "Connect events" });
}

test.describe("fake Connect.js with @stripe/react-connect-js", () => {
  test("mounts every component with the appearance and a test mode label", async ({ page }) => {
    await page.goto(harness("view=connect&session=all&seeded=1"));
    const headings: Record<string, string> = {
      "account-onboarding": "Account onboarding",
      payouts: "Payouts",
      payments: "Payments",
      balances: "Balances",
      "account-management": "Account settings",
      documents: "Documents",
    };
    for (const [name, heading] of Object.entries(headings)) {
      const c = component(page, name);
      await expect(c.getByRole("heading", { name: heading, exact: true })).toBeVisible();
      await expect(c.getByText("Test mode", { exact: true })).toBeVisible();
      await expect(events(page)).toContainText(`loaderstart stripe-connect-${name}`);
    }
    // The seeded account is onboarded: the banner has nothing to say, and says so through the callback.
    await expect(events(page)).toContainText(/notifications total=\d+ actionRequired=0/);
    await expect(events(page)).not.toContainText("loaderror");

    const payButton = component(page, "payouts").getByRole("button", { name: "Pay out" });
    await expect(payButton).toHaveCSS("border-radius", "10px");
    await expect(payButton).toHaveCSS("background-color", "rgb(14, 116, 144)"); // colorPrimary #0e7490
    // edit_payout_schedule is enabled in this session: payouts can edit; balances (no feature) cannot.
    await expect(
      component(page, "payouts").getByRole("button", { name: "Edit payout schedule" }),
    ).toBeVisible();
    await expect(
      component(page, "balances").getByRole("button", { name: "Edit payout schedule" }),
    ).toHaveCount(0);

    // refund_management is enabled: the seeded charge can be refunded.
    const payments = component(page, "payments");
    await expect(payments.getByText("Succeeded")).toBeVisible();
    await payments.getByRole("button", { name: /^Refund/ }).click();
    await payments.getByLabel("Refund amount").fill("10.00");
    await payments.getByRole("button", { name: "Confirm refund" }).click();
    await expect(payments.getByText("Partially refunded")).toBeVisible();
  });

  test("onboarding completes, fires onExit and the account.updated webhook", async ({ page }) => {
    await page.goto(harness("view=connect&session=all&components=notification-banner,account-onboarding"));
    const accountId = await page.getByTestId("account-id").innerText();
    await expect(events(page)).toContainText(/notifications total=\d+ actionRequired=[1-9]/);
    await expect(
      component(page, "notification-banner").getByRole("region", { name: "Account notifications" }),
    ).toBeVisible();

    const onboarding = component(page, "account-onboarding");
    await onboarding.getByLabel("Business name").fill("Fakes Test Shop");
    await onboarding.getByRole("button", { name: "Continue" }).click();
    await onboarding.getByLabel("First name").fill("Jenny");
    await onboarding.getByLabel("Last name").fill("Rosen");
    await onboarding.getByRole("button", { name: "Continue" }).click();
    await expect(onboarding.getByLabel("Routing number")).toHaveValue("110000000");
    await expect(onboarding.getByLabel("Account number")).toHaveValue("000123456789");
    await onboarding.getByRole("button", { name: "Submit" }).click();

    await expect(onboarding.getByText("Onboarding complete.")).toBeVisible();
    await expect(events(page)).toContainText("onboarding exited");
    await expect(events(page)).toContainText(/notifications total=\d+ actionRequired=0/);

    type EventList = { data: { id: string; data: { object: { details_submitted?: boolean } } }[] };
    const updated = await control<EventList>(`/events?account=${accountId}&type=account.updated`);
    expect(updated.data.length).toBeGreaterThan(0);
    expect(updated.data[0]!.data.object.details_submitted).toBe(true);
    // …and it goes out as a Connect webhook to the app (whether the app accepts it is the webhook
    // route's business, tested with it).
    await expect
      .poll(async () => {
        const deliveries = await control<{ data: { url: string; attempts: unknown[] }[] }>(
          `/events/${updated.data[0]!.id}/deliveries`,
        );
        return deliveries.data.filter((d) => d.url.endsWith("/api/webhooks/stripe") && d.attempts.length > 0)
          .length;
      })
      .toBeGreaterThan(0);
  });

  test("an expired Account Session shows the error state and onLoadError", async ({ page }) => {
    await page.goto(harness("view=connect&session=expired&components=payouts"));
    const payouts = component(page, "payouts");
    await expect(payouts.getByRole("alert")).toContainText(/expired/i);
    await expect(events(page)).toContainText("loaderror stripe-connect-payouts authentication_error");
  });

  test("a component not enabled in the session refuses to render", async ({ page }) => {
    await page.goto(harness("view=connect&session=limited&seeded=1&components=payouts,payments"));
    const payouts = component(page, "payouts");
    await expect(payouts.getByRole("alert")).toContainText(
      "payouts component is not enabled in this Account Session",
    );
    await expect(payouts.getByRole("button", { name: "Pay out" })).toHaveCount(0);
    await expect(events(page)).toContainText("loaderror stripe-connect-payouts invalid_request_error");
    // Payments is enabled, but without refund_management there is no refund button.
    const payments = component(page, "payments");
    await expect(payments.getByText("Succeeded")).toBeVisible();
    await expect(payments.getByRole("button", { name: /Refund/ })).toHaveCount(0);
  });
});

test.describe("the product has no Stripe fakes page", () => {
  test("/dev/stripe-fakes and its API are gone from the app", async ({ request }) => {
    expect((await request.get("/dev/stripe-fakes")).status()).toBe(404);
    expect((await request.get("/dev/stripe-fakes?view=connect&seeded=1")).status()).toBe(404);
    expect((await request.post("/dev/stripe-fakes/api", { data: { action: "account" } })).status()).toBe(404);
    // The old attack: an Account Session with refunds and payouts for any seller's account, anonymously.
    const attack = await request.post("/dev/stripe-fakes/api", {
      data: { action: "account_session", account: "acct_x", session: "all" },
    });
    expect(attack.status()).toBe(404);
    expect(await attack.text()).not.toContain("accs_secret_");
  });
});
