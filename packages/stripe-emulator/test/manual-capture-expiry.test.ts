/**
 * An uncaptured authorisation expires EMULATOR_DEFAULTS.authorizationValiditySeconds (7 days) after its
 * charge was created, on the emulator clock: charge.expired, then payment_intent.canceled with
 * `cancellation_reason: "automatic"`; a capture afterwards fails with `charge_expired_for_capture`.
 * Each test has its own emulator, because moving the clock expires every authorisation on it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Stripe from "stripe";
import { afterAll, describe, expect, it } from "vitest";
import { EMULATOR_DEFAULTS } from "../src/defaults";
import { authorise, expressAccount, rejects, startTestEmulator, type TestEmulator } from "./helpers";

const WINDOW = EMULATOR_DEFAULTS.authorizationValiditySeconds;
const dir = mkdtempSync(join(tmpdir(), "stripe-emulator-expiry-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const advance = (t: TestEmulator, seconds: number) => t.control("/_emulator/clock/advance", { seconds });

async function eventsOf(t: TestEmulator, account: string, object: string): Promise<Stripe.Event[]> {
  const list = await t.control<{ data: Stripe.Event[] }>(`/_emulator/events?account=${account}`);
  return list.data.reverse().filter((e) => (e.data.object as { id: string }).id === object);
}

async function expectExpiredForCapture(t: TestEmulator, pi: Stripe.PaymentIntent, account: string) {
  const err = await rejects(t.stripe.paymentIntents.capture(pi.id, {}, { stripeAccount: account }));
  expect(err).toMatchObject({
    type: "StripeInvalidRequestError",
    statusCode: 400,
    code: "charge_expired_for_capture",
    doc_url: "https://stripe.com/docs/error-codes/charge-expired-for-capture",
  });
  expect(err.raw).toMatchObject({ type: "invalid_request_error", payment_intent: { id: pi.id } });
}

describe("authorisation expiry on the emulator clock", () => {
  it("expires after 7 days: released, charge.expired then payment_intent.canceled (automatic)", async () => {
    const t = await startTestEmulator();
    try {
      const seller = await expressAccount(t);
      const on = { stripeAccount: seller.id };
      const pi = await authorise(t, seller.id);
      // Money from an ordinary sale is pending when the clock moves; the other ticks must still settle it.
      await t.stripe.paymentIntents.create(
        {
          amount: 5000,
          currency: "usd",
          payment_method: "pm_card_visa",
          confirm: true,
          automatic_payment_methods: { enabled: true, allow_redirects: "never" },
        },
        on,
      );
      await advance(t, 3 * 86400);
      const later = await authorise(t, seller.id, { amount: 1200, application_fee_amount: 120 });

      await advance(t, WINDOW - 3 * 86400 - 60);
      expect((await t.stripe.paymentIntents.retrieve(pi.id, {}, on)).status).toBe("requires_capture");
      await advance(t, 60);

      const expired = await t.stripe.paymentIntents.retrieve(pi.id, {}, on);
      expect(expired).toMatchObject({
        status: "canceled",
        cancellation_reason: "automatic",
        amount_capturable: 0,
        amount_received: 0,
      });
      const charge = await t.stripe.charges.retrieve(pi.latest_charge as string, {}, on);
      expect(charge).toMatchObject({
        captured: false,
        amount_refunded: 3000,
        refunded: true,
        application_fee: null,
        balance_transaction: null,
      });
      expect((await eventsOf(t, seller.id, charge.id)).map((e) => e.type)).toEqual([
        "charge.succeeded",
        "charge.expired",
      ]);
      const piEvents = (await eventsOf(t, seller.id, pi.id)).map((e) => e.type);
      expect(piEvents.slice(-1)).toEqual(["payment_intent.canceled"]);
      const all = (await t.control<{ data: Stripe.Event[] }>("/_emulator/events")).data.reverse();
      const order = all.map((e) => e.type);
      expect(order.indexOf("charge.expired")).toBe(order.indexOf("payment_intent.canceled") - 1);
      await expectExpiredForCapture(t, pi, seller.id);

      // The other ticks ran too: the sale's money became available.
      const balance = await t.stripe.balance.retrieve({}, on);
      expect(balance.pending.find((b) => b.currency === "usd")?.amount ?? 0).toBe(0);
      expect(balance.available.find((b) => b.currency === "usd")?.amount).toBeGreaterThan(0);
      // An authorisation made later still has its own 3 days left, and captures normally.
      const captured = await t.stripe.paymentIntents.capture(later.id, { application_fee_amount: 100 }, on);
      expect(captured).toMatchObject({ status: "succeeded", amount_received: 1200 });
    } finally {
      await t.close();
    }
  });

  it("a capture after the deadline fails even before the tick has expired the intent", async () => {
    const t = await startTestEmulator();
    try {
      const seller = await expressAccount(t);
      const pi = await authorise(t, seller.id);
      // Move the clock without the tick that advancing through the control API runs.
      t.emu.emulator.store.clockOffset += WINDOW;
      await expectExpiredForCapture(t, pi, seller.id);
      const after = await t.stripe.paymentIntents.retrieve(pi.id, {}, { stripeAccount: seller.id });
      expect(after).toMatchObject({ status: "canceled", cancellation_reason: "automatic" });
      expect((await eventsOf(t, seller.id, pi.latest_charge as string)).map((e) => e.type)).toContain(
        "charge.expired",
      );
    } finally {
      await t.close();
    }
  });

  it("survives a restart: the deadline is kept with the charge in the snapshot", async () => {
    const snapshotPath = join(dir, "expiry.json");
    const first = await startTestEmulator({ snapshotPath });
    const seller = await expressAccount(first);
    const pi = await authorise(first, seller.id);
    await advance(first, WINDOW - 3600);
    await first.close();

    const second = await startTestEmulator({ snapshotPath });
    try {
      const on = { stripeAccount: seller.id };
      expect((await second.stripe.paymentIntents.retrieve(pi.id, {}, on)).status).toBe("requires_capture");
      await advance(second, 3600);
      expect(await second.stripe.paymentIntents.retrieve(pi.id, {}, on)).toMatchObject({
        status: "canceled",
        cancellation_reason: "automatic",
      });
    } finally {
      await second.close();
    }
    const third = await startTestEmulator({ snapshotPath });
    try {
      await expectExpiredForCapture(third, pi, seller.id);
    } finally {
      await third.close();
    }
  });
});
