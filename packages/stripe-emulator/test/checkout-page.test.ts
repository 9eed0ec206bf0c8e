/**
 * The hosted Checkout page (issue 23), driven with plain HTTP as a browser submits its form: a destination
 * charge paid with 4242 (redirect to success_url, PaymentIntent, fee, events), a decline then a retry on
 * the same PaymentIntent, 3-D Secure through the emulator's challenge page, a direct charge on a connected
 * account, and the pages of completed and expired sessions. One test drives the page in Chromium by its
 * labels, as the app's Playwright journeys will.
 */
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { emulatorForFile, sellerForFile } from "./helpers";

const t = emulatorForFile();
const seller = sellerForFile(t);
const EXPIRY = `12 / ${String((new Date().getFullYear() + 3) % 100).padStart(2, "0")}`;

function cart(extra: Partial<Stripe.Checkout.SessionCreateParams> = {}): Stripe.Checkout.SessionCreateParams {
  return {
    mode: "payment",
    line_items: [
      {
        price_data: {
          currency: "usd",
          unit_amount: 1500,
          product_data: { name: "Mug", description: "Blue" },
        },
        quantity: 2,
      },
      { price_data: { currency: "usd", unit_amount: 2000, product_data: { name: "Poster" } }, quantity: 1 },
    ],
    success_url: "https://shop.example/success?session={CHECKOUT_SESSION_ID}",
    cancel_url: "https://shop.example/cart",
    ...extra,
  };
}

/** Submits the hosted page's form as a browser would (no redirect following). */
function pay(url: string, number: string, email = "buyer@example.com"): Promise<Response> {
  const body = new URLSearchParams({ email, number, expiry: EXPIRY, cvc: "123", postal_code: "94103" });
  return fetch(url, { method: "POST", body, redirect: "manual" });
}

async function sessionEvents(id: string, account?: string): Promise<Stripe.Event[]> {
  const q = account ? `?account=${account}` : "";
  const list = await t.control<{ data: Stripe.Event[] }>(`/_emulator/events${q}`);
  return list.data.reverse().filter((e) => (e.data.object as { id?: string }).id === id);
}

describe("the hosted page", () => {
  it("shows the items, total, prefilled email, labelled card fields and the way back", async () => {
    const session = await t.stripe.checkout.sessions.create(cart({ customer_email: "buyer@example.com" }));
    const res = await fetch(session.url as string);
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const part of [
      "Mug",
      "Blue",
      "Qty 2",
      "Poster",
      "$50.00",
      "Pay $50.00",
      'value="buyer@example.com"',
    ])
      expect(text).toContain(part);
    for (const label of ["Email", "Card number", "Expiration date", "Security code", "ZIP / postal code"])
      expect(text).toMatch(new RegExp(`<label for="[a-z_]+">${label}</label>`));
    expect(text).toContain('href="https://shop.example/cart">Back</a>');
    expect((await fetch(`${t.url}/_emulator/hosted/checkout/cs_test_nope`)).status).toBe(404);
  });

  it("pays a destination charge: redirect to success_url, session complete and paid, events", async () => {
    const session = await t.stripe.checkout.sessions.create(
      cart({
        metadata: { cart: "42" },
        payment_intent_data: {
          application_fee_amount: 500,
          transfer_data: { destination: seller.id },
          metadata: { order: "42" },
          description: "Cart 42",
        },
      }),
    );
    const res = await pay(session.url as string, "4242 4242 4242 4242");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`https://shop.example/success?session=${session.id}`);

    const done = await t.stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent"] });
    expect(done).toMatchObject({ status: "complete", payment_status: "paid", url: null });
    expect(done.customer_details).toMatchObject({
      email: "buyer@example.com",
      address: { postal_code: "94103" },
    });
    const pi = done.payment_intent as Stripe.PaymentIntent;
    expect(pi).toMatchObject({
      status: "succeeded",
      amount: 5000,
      currency: "usd",
      application_fee_amount: 500,
      transfer_data: { destination: seller.id },
      metadata: { order: "42" },
      description: "Cart 42",
    });
    expect((await t.stripe.checkout.sessions.list({ payment_intent: pi.id })).data.map((s) => s.id)).toEqual([
      session.id,
    ]);
    const charge = await t.stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge).toMatchObject({ amount: 5000, paid: true, application_fee_amount: 500 });

    const completed = (await sessionEvents(session.id)).map((e) => e);
    expect(completed.map((e) => e.type)).toEqual(["checkout.session.completed"]);
    expect(completed[0]?.data.object).toMatchObject({
      id: session.id,
      payment_status: "paid",
      payment_intent: pi.id,
      metadata: { cart: "42" },
    });
    const piEvents = (await sessionEvents(pi.id)).map((e) => e.type);
    expect(piEvents).toEqual(["payment_intent.created", "payment_intent.succeeded"]);

    // The page of a completed session says so (the session's url is null now).
    const closed = await fetch(session.url as string);
    expect(await closed.text()).toContain("This Checkout Session is complete");
    const late = await pay(session.url as string, "4242424242424242");
    expect(await late.text()).toContain("This Checkout Session is complete");
  });

  it("shows a decline on the page; the next attempt reuses the session's PaymentIntent", async () => {
    const session = await t.stripe.checkout.sessions.create(cart());
    const declined = await pay(session.url as string, "4000 0000 0000 0002");
    expect(declined.status).toBe(200);
    const text = await declined.text();
    expect(text).toContain("Your card was declined.");
    expect(text).toContain('value="buyer@example.com"');
    const open = await t.stripe.checkout.sessions.retrieve(session.id);
    expect(open).toMatchObject({ status: "open", payment_status: "unpaid" });
    const piId = open.payment_intent as string;
    expect((await t.stripe.paymentIntents.retrieve(piId)).status).toBe("requires_payment_method");

    const insufficient = await pay(session.url as string, "4000000000009995");
    expect(await insufficient.text()).toContain("insufficient funds");
    const bad = await pay(session.url as string, "1234");
    expect(await bad.text()).toContain("Your card number is incorrect.");
    const noEmail = await pay(session.url as string, "4242424242424242", "");
    expect(await noEmail.text()).toContain("Your email address is invalid.");

    expect((await pay(session.url as string, "4242424242424242")).status).toBe(303);
    const paid = await t.stripe.checkout.sessions.retrieve(session.id);
    expect(paid).toMatchObject({ status: "complete", payment_status: "paid", payment_intent: piId });
    expect((await t.stripe.paymentIntents.retrieve(piId)).status).toBe("succeeded");
  });

  it("goes through the 3-D Secure challenge and back (complete, then a failed one)", async () => {
    const session = await t.stripe.checkout.sessions.create(cart());
    const first = await pay(session.url as string, "4000 0025 0000 3155");
    expect(first.status).toBe(303);
    const challenge = new URL(first.headers.get("location") as string, t.url);
    expect(challenge.pathname).toMatch(/^\/_emulator\/hosted\/3ds\/pi_/);
    expect(await (await fetch(challenge)).text()).toContain("Complete authentication");

    const failed = await fetch(challenge, {
      method: "POST",
      body: new URLSearchParams({ outcome: "fail" }),
      redirect: "manual",
    });
    expect(failed.status).toBe(303);
    const back = await fetch(new URL(failed.headers.get("location") as string, t.url), {
      redirect: "manual",
    });
    expect(await back.text()).toContain("We are unable to authenticate your payment method.");
    expect((await t.stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");

    const second = await pay(session.url as string, "4000 0025 0000 3155");
    const challenge2 = new URL(second.headers.get("location") as string, t.url);
    const ok = await fetch(challenge2, {
      method: "POST",
      body: new URLSearchParams({ outcome: "complete" }),
      redirect: "manual",
    });
    const returned = await fetch(new URL(ok.headers.get("location") as string, t.url), {
      redirect: "manual",
    });
    expect(returned.status).toBe(303);
    expect(returned.headers.get("location")).toBe(`https://shop.example/success?session=${session.id}`);
    expect(await t.stripe.checkout.sessions.retrieve(session.id)).toMatchObject({
      status: "complete",
      payment_status: "paid",
    });
  });

  it("pays a direct charge on a connected account; manual capture completes unpaid", async () => {
    const on = seller.on();
    const session = await t.stripe.checkout.sessions.create(
      cart({ payment_intent_data: { application_fee_amount: 300, capture_method: "manual" } }),
      on,
    );
    expect((await pay(session.url as string, "4242424242424242")).status).toBe(303);
    const done = await t.stripe.checkout.sessions.retrieve(session.id, {}, on);
    expect(done).toMatchObject({ status: "complete", payment_status: "unpaid" });
    const pi = await t.stripe.paymentIntents.retrieve(done.payment_intent as string, {}, on);
    expect(pi).toMatchObject({ status: "requires_capture", application_fee_amount: 300 });
    const events = await sessionEvents(session.id, seller.id);
    expect(events.map((e) => [e.type, e.account])).toEqual([["checkout.session.completed", seller.id]]);
    await t.stripe.paymentIntents.capture(pi.id, {}, on);
    expect((await t.stripe.applicationFees.list({ charge: pi.latest_charge as string })).data).toHaveLength(
      1,
    );
  });

  it("an expired session's page says so and takes no payment", async () => {
    const session = await t.stripe.checkout.sessions.create(cart());
    await pay(session.url as string, "4000000000000002");
    await t.stripe.checkout.sessions.expire(session.id);
    const expired = await t.stripe.checkout.sessions.retrieve(session.id);
    // The failed attempt's PaymentIntent is canceled with the session.
    const pi = await t.stripe.paymentIntents.retrieve(expired.payment_intent as string);
    expect(pi).toMatchObject({ status: "canceled", cancellation_reason: "abandoned" });
    const res = await pay(session.url as string, "4242424242424242");
    expect(await res.text()).toContain("This Checkout Session has expired");
  });
});

const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

describe.skipIf(!executablePath)("the hosted page in Chromium", () => {
  it("a buyer fills the labelled fields, pays and lands on success_url", async () => {
    const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
    try {
      const success = `${t.url}/_emulator/hosted/receipts/done?session={CHECKOUT_SESSION_ID}`;
      const session = await t.stripe.checkout.sessions.create(cart({ success_url: success }));
      const page = await browser.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(session.url as string);
      await page.getByLabel("Email").fill("chromium@example.com");
      await page.getByLabel("Card number").fill("4242 4242 4242 4242");
      await page.getByLabel("Expiration date").fill(EXPIRY);
      await page.getByLabel("Security code").fill("123");
      await page.getByLabel("ZIP").fill("94103");
      await page.getByRole("button", { name: "Pay $50.00" }).click();
      await page.waitForURL((url) => url.searchParams.get("session") === session.id);
      expect(await t.stripe.checkout.sessions.retrieve(session.id)).toMatchObject({
        status: "complete",
        customer_details: { email: "chromium@example.com" },
      });
    } finally {
      await browser.close();
    }
  }, 30_000);
});
