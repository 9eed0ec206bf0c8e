/**
 * Checkout Sessions through the real SDK (issue 23): create / retrieve / list / line items / expire, the
 * validation Stripe does at creation, sessions on a connected account (Stripe-Account), expiry on the
 * emulator clock, and the control API's delayed payment (async_payment_succeeded / _failed).
 */
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { EmulatorClient } from "../src/client";
import { cart, item } from "./checkout-helpers";
import {
  emulatorForFile,
  eventTypes,
  expressAccount,
  rejects,
  sellerForFile,
  startTestEmulator,
} from "./helpers";

const t = emulatorForFile();
const seller = sellerForFile(t);

async function eventsFor(t2: typeof t, id: string, account?: string): Promise<Stripe.Event[]> {
  const q = account ? `?account=${account}` : "";
  const list = await t2.control<{ data: Stripe.Event[] }>(`/_emulator/events${q}`);
  return list.data.reverse().filter((e) => (e.data.object as { id?: string }).id === id);
}

describe("create, retrieve, list, line items", () => {
  it("creates an open hosted session with totals, url and expiry", async () => {
    const before = Math.floor(Date.now() / 1000);
    const session = await t.stripe.checkout.sessions.create(
      cart({ customer_email: "buyer@example.com", client_reference_id: "cart_1", metadata: { cart: "1" } }),
    );
    expect(session).toMatchObject({
      object: "checkout.session",
      mode: "payment",
      status: "open",
      payment_status: "unpaid",
      amount_subtotal: 5000,
      amount_total: 5000,
      currency: "usd",
      payment_intent: null,
      customer_email: "buyer@example.com",
      client_reference_id: "cart_1",
      metadata: { cart: "1" },
      ui_mode: "hosted_page",
      payment_method_types: ["card"],
      livemode: false,
      success_url: "https://shop.example/success?session={CHECKOUT_SESSION_ID}",
      cancel_url: "https://shop.example/cart",
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toBe(`${t.url}/_emulator/hosted/checkout/${session.id}`);
    expect(session.expires_at).toBeGreaterThanOrEqual(before + 86400);
    expect(session.line_items).toBeUndefined();
    expect(await t.stripe.checkout.sessions.retrieve(session.id)).toEqual(session);

    const items = await t.stripe.checkout.sessions.listLineItems(session.id);
    expect(items.data).toHaveLength(2);
    expect(items.data[0]).toMatchObject({
      object: "item",
      description: "Mug",
      quantity: 2,
      amount_subtotal: 3000,
      amount_total: 3000,
      currency: "usd",
      price: { object: "price", unit_amount: 1500, currency: "usd", type: "one_time" },
    });
    expect(items.data[0]?.id).toMatch(/^li_/);
    expect(items.data[0]?.price?.product).toMatch(/^prod_/);
    const page = await t.stripe.checkout.sessions.listLineItems(session.id, { limit: 1 });
    expect(page).toMatchObject({ has_more: true, data: [{ description: "Mug" }] });

    const expanded = await t.stripe.checkout.sessions.retrieve(session.id, { expand: ["line_items"] });
    expect(expanded.line_items?.data.map((li) => li.description)).toEqual(["Mug", "Poster"]);
  });

  it("lists newest first, filtered by status and payment_intent", async () => {
    const a = await t.stripe.checkout.sessions.create(cart());
    const b = await t.stripe.checkout.sessions.create(cart());
    await t.stripe.checkout.sessions.expire(a.id);
    const open = await t.stripe.checkout.sessions.list({ status: "open", limit: 100 });
    expect(open.data.map((s) => s.id)).toContain(b.id);
    expect(open.data.map((s) => s.id)).not.toContain(a.id);
    const expired = await t.stripe.checkout.sessions.list({ status: "expired", limit: 100 });
    expect(expired.data[0]?.id).toBe(a.id);
    expect((await t.stripe.checkout.sessions.list({ payment_intent: "pi_none" })).data).toEqual([]);
  });

  it("expires an open session once: checkout.session.expired, then Stripe's error", async () => {
    const session = await t.stripe.checkout.sessions.create(cart());
    const expired = await t.stripe.checkout.sessions.expire(session.id);
    expect(expired).toMatchObject({ status: "expired", url: null, payment_status: "unpaid" });
    const events = await eventsFor(t, session.id);
    expect(events.map((e) => e.type)).toEqual(["checkout.session.expired"]);
    expect(events[0]?.data.object).toMatchObject({ id: session.id, status: "expired" });
    const again = await rejects(t.stripe.checkout.sessions.expire(session.id));
    expect(again).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError" });
    expect(again.message).toBe(
      'Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of `expired`.',
    );
  });

  it("an embedded_page session has a client secret and return_url, no url", async () => {
    const session = await t.stripe.checkout.sessions.create({
      mode: "payment",
      ui_mode: "embedded_page",
      line_items: [item("Mug", 1500)],
      return_url: "https://shop.example/return?session_id={CHECKOUT_SESSION_ID}",
    });
    expect(session).toMatchObject({ ui_mode: "embedded_page", url: null, redirect_on_completion: "always" });
    expect(session.client_secret).toMatch(new RegExp(`^${session.id}_secret_`));
  });
});

describe("connected accounts", () => {
  it("a Stripe-Account session is the seller's: invisible to the platform, direct-charge fee allowed", async () => {
    const on = seller.on();
    const session = await t.stripe.checkout.sessions.create(
      cart({ payment_intent_data: { application_fee_amount: 500 } }),
      on,
    );
    expect((await t.stripe.checkout.sessions.retrieve(session.id, {}, on)).id).toBe(session.id);
    const err = await rejects(t.stripe.checkout.sessions.retrieve(session.id));
    expect(err).toMatchObject({ statusCode: 404, code: "resource_missing" });
    expect((await t.stripe.checkout.sessions.list({ limit: 100 })).data.map((s) => s.id)).not.toContain(
      session.id,
    );
    await t.stripe.checkout.sessions.expire(session.id, {}, on);
    expect((await eventsFor(t, session.id, seller.id)).map((e) => [e.type, e.account])).toEqual([
      ["checkout.session.expired", seller.id],
    ]);
  });

  it("an account that cannot take card payments is refused", async () => {
    const fresh = await expressAccount(t, false);
    const err = await rejects(t.stripe.checkout.sessions.create(cart(), { stripeAccount: fresh.id }));
    expect(err.message).toContain("card_payments");
  });
});

describe("delayed payments (control API)", () => {
  it("completes unpaid, then async_payment_succeeded with the money moved", async () => {
    const control = new EmulatorClient({ url: t.url });
    const session = await t.stripe.checkout.sessions.create(
      cart({
        customer_email: "late@example.com",
        payment_intent_data: { application_fee_amount: 500, transfer_data: { destination: seller.id } },
      }),
    );
    const pending = await control.checkoutAsyncPayment(session.id, "pending");
    expect(pending).toMatchObject({ status: "complete", payment_status: "unpaid", url: null });
    expect(pending.customer_details?.email).toBe("late@example.com");
    const pi = await t.stripe.paymentIntents.retrieve(pending.payment_intent as string);
    expect(pi).toMatchObject({ status: "processing", amount: 5000, application_fee_amount: 500 });

    const paid = await control.checkoutAsyncPayment(session.id, "succeeded");
    expect(paid).toMatchObject({ status: "complete", payment_status: "paid" });
    const settled = await t.stripe.paymentIntents.retrieve(pi.id, { expand: ["latest_charge"] });
    expect(settled.status).toBe("succeeded");
    expect(settled.latest_charge).toMatchObject({ amount: 5000, paid: true });
    const types = (await eventsFor(t, session.id)).map((e) => e.type);
    expect(types).toEqual(["checkout.session.completed", "checkout.session.async_payment_succeeded"]);
    const again = await rejects(control.checkoutAsyncPayment(session.id, "succeeded"));
    expect(String(again)).toContain("no delayed payment waiting");
  });

  it("async_payment_failed leaves the session unpaid and the payment failed", async () => {
    const control = new EmulatorClient({ url: t.url });
    const session = await t.stripe.checkout.sessions.create(cart(), seller.on());
    await control.checkoutAsyncPayment(session.id, "pending");
    const failed = await control.checkoutAsyncPayment(session.id, "failed");
    expect(failed).toMatchObject({ status: "complete", payment_status: "unpaid" });
    const pi = await t.stripe.paymentIntents.retrieve(failed.payment_intent as string, {}, seller.on());
    expect(pi.status).toBe("requires_payment_method");
    expect(pi.last_payment_error?.code).toBe("card_declined");
    const events = await eventsFor(t, session.id, seller.id);
    expect(events.map((e) => e.type)).toEqual([
      "checkout.session.completed",
      "checkout.session.async_payment_failed",
    ]);
    expect(await eventTypes(t, seller.id)).toContain("payment_intent.payment_failed");
  });
});

describe("expiry on the emulator clock", () => {
  it("expires at expires_at: checkout.session.expired; the page says so", async () => {
    const own = await startTestEmulator();
    try {
      const now = Math.floor(Date.now() / 1000);
      const session = await own.stripe.checkout.sessions.create(cart({ expires_at: now + 3600 }));
      const later = await own.stripe.checkout.sessions.create(cart());
      await own.control("/_emulator/clock/advance", { seconds: 3500 });
      expect((await own.stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");
      await own.control("/_emulator/clock/advance", { seconds: 200 });
      expect(await own.stripe.checkout.sessions.retrieve(session.id)).toMatchObject({
        status: "expired",
        url: null,
      });
      expect((await own.stripe.checkout.sessions.retrieve(later.id)).status).toBe("open");
      const events = await eventsFor(own, session.id);
      expect(events.map((e) => e.type)).toEqual(["checkout.session.expired"]);
      const page = await fetch(session.url as string);
      expect(await page.text()).toContain("This Checkout Session has expired");
    } finally {
      await own.close();
    }
  });
});
