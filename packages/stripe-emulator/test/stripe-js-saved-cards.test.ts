/**
 * Saved cards in the browser (issue 22): the fake Stripe.js' confirmSetup (with a SetupIntent's
 * clientSecret, and in `mode: "setup"`), the 3-D Secure challenge on setup, handleNextAction for a payment
 * confirmed on the server with a cloned card, and createPaymentMethod — driven in a real Chromium through
 * the harness page (real @stripe/stripe-js + @stripe/react-stripe-js), as a buyer would.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "@playwright/test";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorForFile, sellerForFile } from "./helpers";
import { attachedClone, NO_REDIRECTS, platformCardOf } from "./saved-card-helpers";

const t = emulatorForFile();
const seller = sellerForFile(t);
let browser: Browser;

beforeAll(async () => {
  // Debian's Chromium when present (no browser downloads offline), else Playwright's own.
  const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
  browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
}, 30_000);
afterAll(() => browser?.close());

const FUTURE_EXPIRY = `12 / ${String((new Date().getFullYear() + 3) % 100).padStart(2, "0")}`;

async function open(query: string): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${t.url}/_emulator/harness/?${query}`);
  return page;
}

/** Types a card into the Payment Element and presses the form's button. */
async function payWith(page: Page, number: string, button: string): Promise<void> {
  await page.getByTestId("payment-element-ready").waitFor({ state: "attached" });
  await page.getByLabel("Card number").fill(number);
  await page.getByLabel("Expiration date").fill(FUTURE_EXPIRY);
  await page.getByLabel("Security code").fill("123");
  await page.getByLabel("ZIP / postal code").fill("94103");
  await page.getByRole("button", { name: button }).click();
}

/** The harness' outcome: its success status, or the error alert's text and Stripe code. */
async function outcome(page: Page): Promise<{ text: string; code: string | null }> {
  const alert = page.getByRole("alert");
  const done = alert.or(page.getByRole("status").filter({ hasText: /^(Setup|PaymentMethod|Next action)/ }));
  await done.waitFor();
  const text = await done.innerText();
  const code = (await alert.count()) ? await alert.locator("[data-code]").getAttribute("data-code") : null;
  return { text, code };
}

async function completeChallenge(page: Page, choice: "Complete authentication" | "Fail authentication") {
  const dialog = page.getByRole("dialog", { name: "3D Secure 2 Test Page" });
  await dialog.waitFor();
  await dialog.getByRole("button", { name: choice }).click();
}

const setupIntent = async () => {
  const customer = await t.stripe.customers.create({ email: "buyer@example.com" });
  const si = await t.stripe.setupIntents.create({
    customer: customer.id,
    usage: "on_session",
    allowed_payment_method_types: ["card"],
  });
  return { customer: customer.id, si };
};

describe("stripe.confirmSetup", () => {
  it("saves 4242 on the platform Customer (Elements with the SetupIntent's clientSecret)", async () => {
    const { customer, si } = await setupIntent();
    const page = await open(`view=setup&flow=intent&clientSecret=${si.client_secret}`);
    await payWith(page, "4242424242424242", "Save card");
    const { text } = await outcome(page);
    const after = await t.stripe.setupIntents.retrieve(si.id);
    expect(after.status).toBe("succeeded");
    expect(text).toBe(`Setup succeeded: ${si.id} ${after.payment_method as string}`);
    const pm = await t.stripe.paymentMethods.retrieve(after.payment_method as string);
    expect(pm).toMatchObject({
      customer,
      card: { last4: "4242" },
      billing_details: { address: { postal_code: "94103" } },
    });
    await page.close();
  }, 30_000);

  it('mode "setup": 3155 opens the 3-D Secure challenge; completing it saves the card', async () => {
    const { customer, si } = await setupIntent();
    const page = await open(`view=setup&flow=deferred&clientSecret=${si.client_secret}`);
    await payWith(page, "4000002500003155", "Save card");
    await completeChallenge(page, "Complete authentication");
    expect((await outcome(page)).text).toMatch(new RegExp(`^Setup succeeded: ${si.id} pm_`));
    const [pm] = (await t.stripe.paymentMethods.list({ customer })).data;
    expect(pm?.card?.last4).toBe("3155");
    await page.close();
  }, 30_000);

  it("a declined card shows Stripe's error and saves nothing", async () => {
    const { customer, si } = await setupIntent();
    const page = await open(`view=setup&flow=intent&clientSecret=${si.client_secret}`);
    await payWith(page, "4000000000000002", "Save card");
    expect(await outcome(page)).toEqual({ text: "Your card was declined.", code: "card_declined" });
    const after = await t.stripe.setupIntents.retrieve(si.id);
    expect(after).toMatchObject({
      status: "requires_payment_method",
      last_setup_error: { code: "card_declined" },
    });
    expect((await t.stripe.paymentMethods.list({ customer })).data).toEqual([]);
    await page.close();
  }, 30_000);
});

describe("stripe.handleNextAction", () => {
  /** A direct charge with a saved 3155 card cloned to the seller, confirmed on the server: requires_action. */
  async function pendingPayment(): Promise<Stripe.PaymentIntent> {
    const { customer, paymentMethod } = await attachedClone(
      t,
      seller.id,
      await platformCardOf(t, "pm_card_authenticationRequiredOnSetup", "on_session"),
    );
    const pi = await t.stripe.paymentIntents.create(
      {
        amount: 2500,
        currency: "usd",
        application_fee_amount: 250,
        customer,
        payment_method: paymentMethod,
        confirm: true,
        automatic_payment_methods: NO_REDIRECTS,
      },
      seller.on(),
    );
    expect(pi.status).toBe("requires_action");
    return pi;
  }

  it("authenticates a payment confirmed on the server with a cloned card: it succeeds with its fee", async () => {
    const pi = await pendingPayment();
    const page = await open(`view=next-action&clientSecret=${pi.client_secret}&account=${seller.id}`);
    await page.getByRole("button", { name: "Authenticate" }).click();
    await completeChallenge(page, "Complete authentication");
    expect((await outcome(page)).text).toBe(`Next action done, succeeded: ${pi.id}`);
    const done = await t.stripe.paymentIntents.retrieve(pi.id, { expand: ["latest_charge"] }, seller.on());
    expect(done.status).toBe("succeeded");
    expect((done.latest_charge as Stripe.Charge).application_fee_amount).toBe(250);
    await page.close();
  }, 30_000);

  it("a failed challenge resolves { error } and leaves the payment unpaid", async () => {
    const pi = await pendingPayment();
    const page = await open(`view=next-action&clientSecret=${pi.client_secret}&account=${seller.id}`);
    await page.getByRole("button", { name: "Authenticate" }).click();
    await completeChallenge(page, "Fail authentication");
    expect((await outcome(page)).code).toBe("payment_intent_authentication_failure");
    const after = await t.stripe.paymentIntents.retrieve(pi.id, {}, seller.on());
    expect(after.status).toBe("requires_payment_method");
    await page.close();
  }, 30_000);
});

describe("stripe.createPaymentMethod", () => {
  it("creates the card on the account Stripe.js is for; the server can then attach and clone it", async () => {
    const page = await open("view=payment-method");
    await payWith(page, "4242424242424242", "Use this card");
    const { text } = await outcome(page);
    const id = /^PaymentMethod (pm_\w+) visa 4242$/.exec(text)?.[1];
    expect(id).toBeDefined();
    const pm = await t.stripe.paymentMethods.retrieve(id as string);
    expect(pm).toMatchObject({
      customer: null,
      billing_details: { name: "Jenny Rosen", address: { postal_code: "94103" } },
    });
    const customer = await t.stripe.customers.create();
    await t.stripe.paymentMethods.attach(pm.id, { customer: customer.id });
    const clone = await t.stripe.paymentMethods.create(
      { customer: customer.id, payment_method: pm.id },
      seller.on(),
    );
    expect(clone.card?.fingerprint).toBe(pm.card?.fingerprint);
    await page.close();

    const onSeller = await open(`view=payment-method&account=${seller.id}`);
    await payWith(onSeller, "5555555555554444", "Use this card");
    const sellers = /^PaymentMethod (pm_\w+) mastercard 4444$/.exec((await outcome(onSeller)).text)?.[1];
    expect((await t.stripe.paymentMethods.retrieve(sellers as string, {}, seller.on())).card?.last4).toBe(
      "4444",
    );
    await onSeller.close();
  }, 40_000);
});

describe("stripe.confirmPayment with setupFutureUsage (deferred intent)", () => {
  /**
   * On the harness index (no Payment Element of its own): a deferred group for the seller with
   * `setupFutureUsage: "off_session"`, a 4242 card typed in, then elements.submit() and confirmPayment.
   */
  async function confirmDeferred(
    pi: Stripe.PaymentIntent,
  ): Promise<{ error?: { message?: string }; status?: string }> {
    const page = await open("");
    await page.evaluate(
      ({ account }) => {
        const w = window as unknown as Record<string, unknown>;
        const stripe = (w.Stripe as (key: string, o: object) => Record<string, (...a: unknown[]) => unknown>)(
          "pk_test_emulator_platform",
          { stripeAccount: account },
        );
        const elements = stripe.elements!({
          mode: "payment",
          amount: 2500,
          currency: "usd",
          setupFutureUsage: "off_session",
        }) as {
          create: (t: string) => { mount: (n: Element) => void; on: (e: string, f: () => void) => void };
        };
        const node = document.createElement("div");
        node.id = "deferred";
        document.body.appendChild(node);
        const element = elements.create("payment");
        element.on("ready", () => node.setAttribute("data-ready", "1"));
        element.mount(node);
        w.__deferred = { stripe, elements };
      },
      { account: seller.id },
    );
    await page.locator("#deferred[data-ready]").waitFor({ state: "attached" });
    const form = page.locator("#deferred");
    await form.getByLabel("Card number").fill("4242424242424242");
    await form.getByLabel("Expiration date").fill(FUTURE_EXPIRY);
    await form.getByLabel("Security code").fill("123");
    await form.getByLabel("ZIP / postal code").fill("94103");
    const result = await page.evaluate(async (clientSecret) => {
      type Deferred = {
        stripe: {
          confirmPayment: (
            p: object,
          ) => Promise<{ error?: { message?: string }; paymentIntent?: { status: string } }>;
        };
        elements: { submit: () => Promise<unknown> };
      };
      const { stripe, elements } = (window as unknown as { __deferred: Deferred }).__deferred;
      await elements.submit();
      const res = await stripe.confirmPayment({ elements, clientSecret, redirect: "if_required" });
      return { error: res.error && { message: res.error.message }, status: res.paymentIntent?.status };
    }, pi.client_secret);
    await page.close();
    return result;
  }

  it("saves the card on the Customer when the PaymentIntent has the same setup_future_usage", async () => {
    const customer = await t.stripe.customers.create({}, seller.on());
    const pi = await t.stripe.paymentIntents.create(
      { amount: 2500, currency: "usd", customer: customer.id, setup_future_usage: "off_session" },
      seller.on(),
    );
    expect(await confirmDeferred(pi)).toEqual({ error: undefined, status: "succeeded" });
    const [card] = (await t.stripe.paymentMethods.list({ customer: customer.id }, seller.on())).data;
    expect(card?.card?.last4).toBe("4242");
  }, 30_000);

  it("refuses a PaymentIntent without it, as Stripe.js does, and confirms nothing", async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 2500, currency: "usd" }, seller.on());
    const { error, status } = await confirmDeferred(pi);
    expect(status).toBeUndefined();
    expect(error?.message).toContain(`The PaymentIntent ${pi.id} has setup_future_usage null`);
    expect(error?.message).toContain('setupFutureUsage "off_session"');
    expect((await t.stripe.paymentIntents.retrieve(pi.id, {}, seller.on())).status).toBe(
      "requires_payment_method",
    );
  }, 30_000);
});
