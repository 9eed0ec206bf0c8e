/**
 * Which events each action emits, in order — one row per action, each on a fresh emulator so that nothing
 * but the action itself is counted. What `setup` does is not counted; `act` may wait for asynchronous work
 * (disputes, refund failures) and then every event emitted after setup must be exactly `emits`.
 */
import type Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expressAccount, startTestEmulator, waitFor, type TestEmulator } from "./helpers";

interface Ctx {
  t: TestEmulator;
  seller: Stripe.Account;
  on: { stripeAccount: string };
}

interface Row {
  name: string;
  setup?: (c: Ctx) => Promise<string>;
  act: (c: Ctx, id: string) => Promise<unknown>;
  emits: Stripe.Event.Type[];
  check?: (events: Stripe.Event[], c: Ctx) => void;
}

let c: Ctx;
beforeEach(async () => {
  const t = await startTestEmulator();
  const seller = await expressAccount(t);
  c = { t, seller, on: { stripeAccount: seller.id } };
});
afterEach(() => c.t.close());

const pay = (
  { t, on }: Ctx,
  extra: Partial<Stripe.PaymentIntentCreateParams> = {},
): Promise<Stripe.PaymentIntent> =>
  t.stripe.paymentIntents.create(
    {
      amount: 2000,
      currency: "usd",
      application_fee_amount: 200,
      payment_method: "pm_card_visa",
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      ...extra,
    },
    on,
  );
const authorised = (x: Ctx) => pay(x, { capture_method: "manual" });
const feeOf = async ({ t, on }: Ctx, pi: Stripe.PaymentIntent): Promise<string> =>
  (await t.stripe.charges.retrieve(pi.latest_charge as string, {}, on)).application_fee as string;
const advanceOneDay = ({ t }: Ctx) => t.control("/_emulator/clock/advance", { seconds: 86400 });

async function payout({ t, on }: Ctx): Promise<string> {
  await t.stripe.paymentIntents.create(
    {
      amount: 3000,
      currency: "usd",
      payment_method: "pm_card_bypassPending",
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
    },
    on,
  );
  return (await t.stripe.payouts.create({ amount: 1000, currency: "usd" }, on)).id;
}

async function disputeOf({ t, on }: Ctx): Promise<string> {
  const pi = await t.stripe.paymentIntents.create(
    {
      amount: 2000,
      currency: "usd",
      payment_method: "pm_card_createDispute",
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
    },
    on,
  );
  const dispute = await waitFor(
    async () => (await t.stripe.disputes.list({ payment_intent: pi.id }, on)).data[0],
  );
  return dispute.id;
}

const previous = (events: Stripe.Event[], type: string) =>
  events.find((e) => e.type === type)?.data.previous_attributes;

const rows: Row[] = [
  {
    name: "a direct charge with an application fee",
    act: (x) => pay(x),
    emits: [
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.succeeded",
      "application_fee.created",
    ],
  },
  {
    name: "manual capture: authorising",
    act: (x) => authorised(x),
    emits: ["payment_intent.created", "charge.succeeded", "payment_intent.amount_capturable_updated"],
  },
  {
    name: "manual capture: capturing",
    setup: async (x) => (await authorised(x)).id,
    act: ({ t, on }, id) => t.stripe.paymentIntents.capture(id, {}, on),
    emits: ["charge.captured", "payment_intent.succeeded", "application_fee.created"],
    check: (events) => expect(previous(events, "charge.captured")).toMatchObject({ captured: false }),
  },
  {
    name: "canceling an authorisation releases it",
    setup: async (x) => (await authorised(x)).id,
    act: ({ t, on }, id) => t.stripe.paymentIntents.cancel(id, {}, on),
    emits: ["charge.refunded", "payment_intent.canceled"],
  },
  {
    name: "canceling an unpaid intent",
    setup: async (x) => (await pay(x, { confirm: false, payment_method: undefined })).id,
    act: ({ t, on }, id) => t.stripe.paymentIntents.cancel(id, { cancellation_reason: "abandoned" }, on),
    emits: ["payment_intent.canceled"],
  },
  {
    name: "a full refund giving the application fee back",
    setup: async (x) => (await pay(x)).id,
    act: ({ t, on }, id) => t.stripe.refunds.create({ payment_intent: id, refund_application_fee: true }, on),
    emits: ["refund.created", "charge.refunded", "application_fee.refunded"],
    check: (events) =>
      expect(previous(events, "charge.refunded")).toEqual({ amount_refunded: 0, refunded: false }),
  },
  {
    name: "updating a refund's metadata",
    setup: async (x) => (await x.t.stripe.refunds.create({ payment_intent: (await pay(x)).id }, x.on)).id,
    act: ({ t, on }, id) => t.stripe.refunds.update(id, { metadata: { ticket: "T-1" } }, on),
    emits: ["refund.updated"],
    check: (events) => expect(previous(events, "refund.updated")).toEqual({ metadata: {} }),
  },
  {
    name: "a refund the issuer rejects (card 5126)",
    setup: async (x) => (await pay(x, { payment_method: "pm_card_refundFail" })).id,
    act: async ({ t, on }, id) => {
      const refund = await t.stripe.refunds.create({ payment_intent: id }, on);
      await waitFor(async () => (await t.stripe.refunds.retrieve(refund.id, {}, on)).status === "failed");
    },
    emits: ["refund.created", "charge.refunded", "refund.updated", "refund.failed", "charge.refund.updated"],
    check: (events) => expect(previous(events, "refund.failed")).toEqual({ status: "pending" }),
  },
  {
    name: "refunding an application fee directly",
    setup: async (x) => feeOf(x, await pay(x)),
    act: ({ t }, id) => t.stripe.applicationFees.createRefund(id, { amount: 50 }),
    emits: ["application_fee.refunded"],
  },
  {
    name: "creating a payout",
    setup: async ({ t, on }) => {
      await t.stripe.paymentIntents.create(
        {
          amount: 3000,
          currency: "usd",
          payment_method: "pm_card_bypassPending",
          confirm: true,
          automatic_payment_methods: { enabled: true, allow_redirects: "never" },
        },
        on,
      );
      return "";
    },
    act: ({ t, on }) => t.stripe.payouts.create({ amount: 1000, currency: "usd" }, on),
    emits: ["payout.created"],
  },
  {
    name: "a payout arriving",
    setup: payout,
    act: advanceOneDay,
    emits: ["payout.paid", "payout.updated"],
    check: (events) => expect(previous(events, "payout.paid")).toEqual({ status: "pending" }),
  },
  {
    name: "a payout to the failing test bank account",
    setup: async (x) => {
      await x.t.stripe.accounts.update(x.seller.id, {
        external_account: {
          object: "bank_account",
          country: "US",
          currency: "usd",
          routing_number: "110000000",
          account_number: "000111111116",
        },
      });
      return payout(x);
    },
    act: advanceOneDay,
    emits: ["payout.failed", "payout.updated"],
  },
  {
    name: "a charge with the dispute card (0259), disputed shortly after",
    act: disputeOf,
    emits: [
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.succeeded",
      "charge.dispute.created",
      "charge.dispute.funds_withdrawn",
      "charge.updated",
    ],
  },
  {
    name: "submitting dispute evidence",
    setup: disputeOf,
    act: ({ t, on }, id) => t.stripe.disputes.update(id, { evidence: { uncategorized_text: "shipped" } }, on),
    emits: ["charge.dispute.updated"],
    check: (events) =>
      expect(previous(events, "charge.dispute.updated")).toMatchObject({ status: "needs_response" }),
  },
  {
    name: "accepting a dispute",
    setup: disputeOf,
    act: ({ t, on }, id) => t.stripe.disputes.close(id, {}, on),
    emits: ["charge.dispute.closed"],
  },
  {
    name: "a dispute the platform wins",
    setup: disputeOf,
    act: ({ t }, id) => t.control(`/_emulator/disputes/${id}/resolve`, { outcome: "won" }),
    emits: ["charge.dispute.funds_reinstated", "charge.dispute.closed"],
  },
  {
    name: "updating an account",
    act: ({ t, seller }) => t.stripe.accounts.update(seller.id, { business_profile: { name: "Mugs & Co" } }),
    emits: ["account.updated"],
    check: (events) =>
      expect(previous(events, "account.updated")).toEqual({ business_profile: { name: "Emulated Seller" } }),
  },
  {
    name: "requirements due again restrict the account",
    act: ({ t, seller }) =>
      t.control(`/_emulator/accounts/${seller.id}/requirements`, { currently_due: ["individual.id_number"] }),
    emits: ["account.updated"],
    check: (events) =>
      expect(previous(events, "account.updated")).toMatchObject({
        charges_enabled: true,
        payouts_enabled: true,
      }),
  },
];

describe("events emitted per action", () => {
  it.each(rows)("$name", async (row) => {
    const id = row.setup ? await row.setup(c) : "";
    const store = c.t.emu.emulator.store;
    const mark = store.events.length;
    await row.act(c, id);
    // Long enough for a tick (250 ms): anything scheduled by the action would show up as an extra event.
    await new Promise((r) => setTimeout(r, 300));
    const events = store.events.slice(mark);
    expect(events.map((e) => e.type)).toEqual(row.emits);
    // Application fees are the platform's; everything else happens on the connected account.
    for (const e of events)
      expect(e.account, e.type).toBe(e.type.startsWith("application_fee.") ? undefined : c.seller.id);
    row.check?.(events, c);
  });
});
