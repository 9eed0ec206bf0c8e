import { inArray } from "drizzle-orm";
import type Stripe from "stripe";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import { db } from "@/db/client";
import { listEventsForOrder } from "@/db/queries/admin-orders";
import { getApplicationFeeByStripeId } from "@/db/queries/application-fees";
import { getOrderById } from "@/db/queries/orders";
import { listRefundsForOrder } from "@/db/queries/refunds";
import { getEventById } from "@/db/queries/stripe-events";
import { stripeEvents, type ConnectedAccount, type Product } from "@/db/schema";
import { startCheckout } from "@/lib/payments/checkout";
import { createRefund } from "@/lib/refunds/create-refund";
import type { Admin } from "@/lib/guards";
import { confirmOf, guestInput, shopWithProduct } from "@/tests/helpers/checkout";
import { control, testStripe } from "@/tests/helpers/emulator";
import { createTestUser } from "@/tests/helpers/users";
import {
  CONNECT_SECRET,
  deliveriesTo,
  emulatorEvents,
  PLATFORM_SECRET,
  refuseOrderWrite,
  registerEndpoint,
  retryNow,
  signedRequest,
  startForwarder,
  waitFor,
} from "@/tests/helpers/webhooks";
import { drainInbox } from "@/lib/webhooks/inbox";
import { idOf } from "@/lib/webhooks/types";

/*
 * End to end: the emulator delivers real, signed events (its own retries included) to a local server
 * that hands them to the route, for a whole payment and its refunds. The database must end exactly as
 * Stripe's state says.
 */

let admin: Admin;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  admin = await createTestUser("admin");
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Only this test's seller: the platform endpoint also receives other test files' fee events. */
function concerns(account: string) {
  return (body: string) => {
    const event = JSON.parse(body) as Stripe.Event & { data: { object: { account?: unknown } } };
    return event.account === account || event.data.object.account === account;
  };
}

async function listen(
  account: ConnectedAccount,
  afterEach?: (status: number, body: string) => Promise<void>,
) {
  const forwarder = await startForwarder({ accept: concerns(account.stripeAccountId), afterEach });
  cleanups.push(() => forwarder.close());
  const connect = await registerEndpoint({
    url: forwarder.url,
    secret: CONNECT_SECRET,
    connect: true,
    accounts: [account.stripeAccountId],
  });
  cleanups.push(connect.remove);
  const platform = await registerEndpoint({ url: forwarder.url, secret: PLATFORM_SECRET, connect: false });
  cleanups.push(platform.remove);
  return { forwarder, endpoints: [connect.id, platform.id] };
}

/** Waits until the emulator delivered these event types (2xx) and nothing is still pending for the endpoints. */
async function settled(endpoints: string[], types: string[]) {
  return waitFor(
    async () => {
      const mine = await deliveriesTo(endpoints);
      const busy = mine.some((d) => d.status === "pending" || d.status === "in_flight");
      const delivered = types.every((t) => mine.some((d) => d.event_type === t && d.status === "succeeded"));
      return !busy && delivered ? mine : false;
    },
    15_000,
    `deliveries of ${types.join(", ")}`,
  );
}

/** Checkout as a guest (the app creates the order and its PaymentIntent), not paid yet. */
async function checkout(product: Product) {
  const result = confirmOf(await startCheckout(null, guestInput(product, { quantity: 1 })));
  const order = await getOrderById({ id: result.orderId });
  if (!order?.paymentIntentId) throw new Error("checkout made no PaymentIntent");
  return { ...order, paymentIntentId: order.paymentIntentId };
}

async function pay(account: ConnectedAccount, paymentIntentId: string) {
  return testStripe().paymentIntents.confirm(
    paymentIntentId,
    { payment_method: "pm_card_visa", return_url: "https://shop.test/return" },
    { stripeAccount: account.stripeAccountId },
  );
}

function chargeIdOf(intent: Stripe.PaymentIntent): string {
  const id = idOf(intent.latest_charge);
  if (!id) throw new Error(`PaymentIntent ${intent.id} has no charge`);
  return id;
}

/** Platform events about this seller (fees), which the platform endpoint received among other tests' ones. */
async function feeEventIds(account: string): Promise<string[]> {
  const events = await emulatorEvents({ account: "acct_emulator_platform" });
  return events.filter((e) => (e.data.object as { account?: unknown }).account === account).map((e) => e.id);
}

describe("webhooks delivered by the emulator", () => {
  it("a payment, an admin refund with the fee and a Dashboard refund end exactly as Stripe says", async () => {
    const { account, product } = await shopWithProduct({ price: 12_000 });
    const { forwarder, endpoints } = await listen(account);
    const stripe = testStripe();
    const acct = { stripeAccount: account.stripeAccountId };

    const order = await checkout(product);
    const intent = await pay(account, order.paymentIntentId);
    await waitFor(
      async () => (await getOrderById({ id: order.id }))?.status === "succeeded",
      10_000,
      "the order to succeed",
    );
    const { refund: ours } = await createRefund(admin, {
      orderId: order.id,
      amount: 4_000,
      reason: "requested_by_customer",
      refundApplicationFee: true,
    });
    const dashboard = await stripe.refunds.create({ payment_intent: intent.id }, acct);
    const deliveries = await settled(endpoints, [
      "payment_intent.succeeded",
      "application_fee.created",
      "refund.created",
      "charge.refunded",
      "application_fee.refunded",
    ]);

    // Stripe's side of the world, read back through the SDK.
    const charge = await stripe.charges.retrieve(chargeIdOf(intent), {}, acct);
    const stripeRefunds = (await stripe.refunds.list({ payment_intent: intent.id, limit: 10 }, acct)).data;
    const fee = await stripe.applicationFees.retrieve(idOf(charge.application_fee) ?? "");

    expect(forwarder.statuses.every((s) => s === 200)).toBe(true);
    expect(await getOrderById({ id: order.id })).toMatchObject({
      status: "succeeded",
      chargeId: charge.id,
      amountRefunded: charge.amount_refunded,
      refundState: "refunded",
      failureMessage: null,
      disputed: false,
    });
    expect(charge.amount_refunded).toBe(12_000);
    const rows = (await listRefundsForOrder({ orderId: order.id })).map((r) => r.refund);
    const summary = (list: { id: string; amount: number; status: string | null }[]) =>
      list.map((r) => `${r.id}:${r.amount}:${r.status}`).sort();
    expect(
      summary(rows.map((r) => ({ id: r.stripeRefundId ?? "", amount: r.amount, status: r.status }))),
    ).toEqual(summary(stripeRefunds));
    expect(rows.find((r) => r.id === ours.id)).toMatchObject({
      createdBy: admin.id,
      refundApplicationFee: true,
    });
    expect(rows.find((r) => r.stripeRefundId === dashboard.id)).toMatchObject({ createdBy: null });
    expect(await getApplicationFeeByStripeId({ stripeFeeId: fee.id })).toMatchObject({
      orderId: order.id,
      amount: fee.amount,
      amountRefunded: fee.amount_refunded,
    });

    // Every event about this seller that the emulator delivered is in the log once, none failed.
    const expected = new Set([
      ...deliveries.filter((d) => d.endpoint === endpoints[0]).map((d) => d.event),
      ...(await feeEventIds(account.stripeAccountId)),
    ]);
    const logged = await db
      .select()
      .from(stripeEvents)
      .where(inArray(stripeEvents.id, [...expected]));
    expect(logged.map((l) => l.id).sort()).toEqual([...expected].sort());
    expect(logged.filter((l) => l.status === "failed")).toEqual([]);
    const timeline = (await listEventsForOrder({ orderId: order.id })).map((e) => e.type);
    expect(timeline).toEqual(
      expect.arrayContaining([
        "payment_intent.succeeded",
        "refund.created",
        "charge.refunded",
        "application_fee.created",
      ]),
    );

    // Stripe delivering the same event three more times changes nothing.
    const succeeded = logged.find((l) => l.type === "payment_intent.succeeded");
    const before = {
      order: await getOrderById({ id: order.id }),
      event: await getEventById({ id: succeeded?.id ?? "" }),
    };
    await control(`/events/${succeeded?.id}/duplicate`, { count: 3 });
    await waitFor(
      async () =>
        (await deliveriesTo(endpoints)).filter((d) => d.event === succeeded?.id && d.status === "succeeded")
          .length === 4,
    );
    expect({
      order: await getOrderById({ id: order.id }),
      event: await getEventById({ id: succeeded?.id ?? "" }),
    }).toEqual(before);
  });

  it("a handler failure is acknowledged (Stripe stops), and the worker's retry applies it once fixed", async () => {
    const { account, product } = await shopWithProduct({ price: 3_000 });
    const { endpoints } = await listen(account);
    const order = await checkout(product);
    const lift = await refuseOrderWrite(order.id, "status <> 'succeeded'");
    cleanups.push(lift);

    await pay(account, order.paymentIntentId);
    const deliveries = await settled(endpoints, ["payment_intent.succeeded"]);

    const delivery = deliveries.find((d) => d.event_type === "payment_intent.succeeded");
    // Stored durably, so acknowledged at once: a 5xx would only make Stripe resend what we already have.
    expect(delivery?.attempts.map((a) => a.status)).toEqual([200]);
    const eventId = delivery?.event ?? "";
    expect(await getEventById({ id: eventId })).toMatchObject({ status: "failed", attempts: 1 });
    expect(await getOrderById({ id: order.id })).toMatchObject({ status: "pending" });

    await lift();
    await retryNow(eventId);

    expect(await getEventById({ id: eventId })).toMatchObject({
      status: "applied",
      attempts: 2,
      error: null,
      orderId: order.id,
    });
    expect(await getOrderById({ id: order.id })).toMatchObject({ status: "succeeded" });
  });
});

describe("out-of-order delivery", () => {
  it("events posted newest first leave the same, newest state", async () => {
    const { account, product } = await shopWithProduct({ price: 5_000 });
    const acct = { stripeAccount: account.stripeAccountId };
    const order = await checkout(product);
    const intent = await pay(account, order.paymentIntentId);
    await testStripe().refunds.create({ payment_intent: intent.id, amount: 1_000 }, acct);
    await testStripe().refunds.create({ payment_intent: intent.id, amount: 1_500 }, acct);
    const events = await emulatorEvents({ account: account.stripeAccountId }); // newest first

    for (const event of events) {
      const { payload, header } = await control<{ payload: string; header: string }>(
        `/events/${event.id}/signed`,
      );
      expect((await POST(signedRequest(payload, { header }), undefined)).status).toBe(200);
    }
    await drainInbox();

    const charge = await testStripe().charges.retrieve(chargeIdOf(intent), {}, acct);
    expect(await getOrderById({ id: order.id })).toMatchObject({
      status: "succeeded",
      chargeId: charge.id,
      amountRefunded: 2_500,
      refundState: "partially_refunded",
    });
    expect(charge.amount_refunded).toBe(2_500);
    const rows = (await listRefundsForOrder({ orderId: order.id })).map((r) => r.refund);
    expect(rows.map((r) => [r.amount, r.status]).sort()).toEqual([
      [1_000, "succeeded"],
      [1_500, "succeeded"],
    ]);
  });
});
