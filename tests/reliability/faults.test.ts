import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getOrderByCheckoutKey } from "@/db/queries/orders";
import type { ConnectedAccount, Order, Product, User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { startCheckout, type CheckoutResult } from "@/lib/payments/checkout";
import { createRefund } from "@/lib/refunds/create-refund";
import type { Admin } from "@/lib/guards";
import { guestInput, shopWithProduct } from "@/tests/helpers/checkout";
import { control, testStripe } from "@/tests/helpers/emulator";
import { setOrderState } from "@/tests/helpers/orders";
import { createTestUser } from "@/tests/helpers/users";
import { groupBy, mapLimit } from "./support/concurrency";
import {
  FAULT_RATES,
  failNextOperation,
  listRefundsOfOrders,
  nearRate,
  ordersOfProducts,
  withFaults,
  type FaultStats,
} from "./support/faults";

/*
 * A few hundred checkouts and refunds while the emulator fails 20% of PaymentIntent and refund
 * creation requests with 500s and 10% with timeouts (half before Stripe applies the request, half after:
 * the lost-response case), by rate with a seeded generator. Most faults are absorbed by the SDK's retries;
 * the rest reach the app. Afterwards Stripe holds no duplicate, every order is in a state someone can act
 * on, and acting on it (the buyer resubmitting the same form, the admin refunding again) converges.
 */

const CHECKOUTS = 240;
const PAID = 80;
const CONCURRENCY = 8;

interface Shop {
  account: ConnectedAccount;
  product: Product;
}

let shops: Shop[];
let buyers: User[];
let admin: Admin;
const SEED = 20_260_911;

/** The emulator injected about the rates asked for, counted over every request it saw (retries included). */
function expectRatesNearTargets(stats: FaultStats<unknown>, minimumRequests: number): void {
  expect(stats.requests).toBeGreaterThanOrEqual(minimumRequests);
  const share = (n: number) => `${n}/${stats.requests}`;
  expect(
    nearRate(stats.injected500, stats.requests, FAULT_RATES["500"]),
    `500s: ${share(stats.injected500)}`,
  ).toBe(true);
  expect(
    nearRate(stats.injectedTimeouts, stats.requests, FAULT_RATES.timeout),
    `timeouts: ${share(stats.injectedTimeouts)}`,
  ).toBe(true);
  expect(stats.appliedButLost).toBeGreaterThan(0); // some requests were applied and their answer lost
}

beforeAll(async () => {
  // The app logs every Stripe failure; hundreds of them would bury the test report.
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  shops = [];
  for (let i = 0; i < 6; i++) shops.push(await shopWithProduct({ price: 1_500 + i * 250 }));
  buyers = [await createTestUser("buyer"), await createTestUser("buyer"), await createTestUser("buyer")];
  admin = await createTestUser("admin");
});

afterAll(async () => {
  await control("/faults", undefined, "DELETE");
});

async function intentsOf(account: ConnectedAccount): Promise<Stripe.PaymentIntent[]> {
  return testStripe()
    .paymentIntents.list({ limit: 100 }, { stripeAccount: account.stripeAccountId })
    .autoPagingToArray({ limit: 10_000 });
}

async function allIntents(): Promise<Stripe.PaymentIntent[]> {
  return (await Promise.all(shops.map((s) => intentsOf(s.account)))).flat();
}

type Attempt = {
  actor: User | null;
  input: ReturnType<typeof guestInput>;
  result: CheckoutResult | null;
  error: unknown;
};

describe("faults on PaymentIntent and refund creation", () => {
  const attempts: Attempt[] = [];
  let orders: Order[] = [];

  it("checkouts under faults leave no duplicate PaymentIntent and only resumable orders", async () => {
    const plan = Array.from({ length: CHECKOUTS }, (_, i) => ({
      actor: i % 4 === 0 ? null : (buyers[i % 3] ?? null),
      input: guestInput(shops[i % shops.length]!.product, { quantity: 1 + (i % 3) }),
    }));
    const checkout = async ({ actor, input }: (typeof plan)[number]) => {
      const attempt: Attempt = { actor, input, result: null, error: null };
      try {
        attempt.result = await startCheckout(actor, input);
      } catch (error) {
        attempt.error = error;
      }
      attempts.push(attempt);
    };
    // Random faults rarely beat all three attempts AND lose an applied request, so one checkout meets that
    // case for sure: Stripe creates its intent, every answer is lost.
    await failNextOperation("^/v1/payment_intents$", "timeout_after");
    await checkout(plan[0]!);
    const stats = await withFaults({ path: "^/v1/payment_intents$", seed: SEED }, () =>
      mapLimit(plan.slice(1), CONCURRENCY, checkout),
    );
    expectRatesNearTargets(stats, CHECKOUTS - 1);

    // The only failure a buyer sees is "try again" (stripe:checkout); nothing else went wrong.
    const failed = attempts.filter((a) => a.error !== null);
    for (const a of failed)
      expect(a.error instanceof AppError ? a.error.code : a.error).toBe("stripe:checkout");
    expect(failed.length).toBeGreaterThan(0); // some faults got past the SDK's retries
    expect(attempts.filter((a) => a.result?.kind === "confirm")).toHaveLength(CHECKOUTS - failed.length);

    orders = await ordersOfProducts(shops.map((s) => s.product.id));
    expect(orders).toHaveLength(CHECKOUTS); // a failed checkout keeps its order: the retry needs it
    const byId = new Map(orders.map((o) => [o.id, o]));
    const intents = await allIntents();

    // No order has two PaymentIntents, and every PaymentIntent is one of our orders, priced by it.
    for (const [orderId, group] of groupBy(intents, (pi) => pi.metadata.order_id ?? "none")) {
      expect(group, `PaymentIntents for order ${orderId}`).toHaveLength(1);
      const order = byId.get(orderId);
      expect(order, `PaymentIntent ${group[0]?.id} has no order`).toBeDefined();
      expect(group[0]).toMatchObject({
        amount: order?.amount,
        application_fee_amount: order?.applicationFeeAmount,
      });
    }
    const intentByOrder = new Map(intents.map((pi) => [pi.metadata.order_id, pi]));
    let lostResponses = 0;
    for (const a of attempts) {
      const order = await getOrderByCheckoutKey({ checkoutKey: a.input.checkoutKey });
      expect(order?.status).toBe("pending");
      if (a.result?.kind === "confirm") {
        expect(order?.paymentIntentId).toBe(intentByOrder.get(order?.id)?.id);
        expect(a.result.clientSecret.startsWith(`${order?.paymentIntentId}_secret_`)).toBe(true);
      } else {
        // Failed before we stored an id; Stripe may still have the intent (response lost after it applied).
        expect(order?.paymentIntentId).toBeNull();
        if (intentByOrder.has(order?.id)) lostResponses++;
      }
    }
    // Some intents exist at Stripe that we never heard back about: the retry below must adopt them.
    expect(lostResponses).toBeGreaterThan(0);
  });

  it("the buyer resubmitting the same form converges on exactly one PaymentIntent per order", async () => {
    const failed = attempts.filter((a) => a.error !== null);
    for (const a of failed) {
      const result = await startCheckout(a.actor, a.input);
      expect(result.kind).toBe("confirm");
    }
    orders = await ordersOfProducts(shops.map((s) => s.product.id));
    const intents = await allIntents();
    expect(intents).toHaveLength(CHECKOUTS);
    const intentByOrder = new Map(intents.map((pi) => [pi.metadata.order_id, pi]));
    for (const order of orders) expect(order.paymentIntentId).toBe(intentByOrder.get(order.id)?.id);
    // A double submit after success resumes too: same order, same client secret.
    const sample = attempts.find((a) => a.result?.kind === "confirm")!;
    expect(await startCheckout(sample.actor, sample.input)).toEqual(sample.result);
  });

  it("refunds under faults leave no duplicate refund, and our ledger agrees with Stripe's", async () => {
    const stripe = testStripe();
    const paid = orders.slice(0, PAID);
    // The buyer pays (what Stripe.js does) and the webhook marks the order paid.
    for (const order of paid) {
      const pi = await stripe.paymentIntents.confirm(
        order.paymentIntentId!,
        { payment_method: "pm_card_visa", return_url: "http://localhost:3000/orders/return" },
        { stripeAccount: order.stripeAccountId },
      );
      expect(pi.status).toBe("succeeded");
      await setOrderState(order.id, { status: "succeeded", chargeId: pi.latest_charge as string });
    }
    // Two partial refunds per order (30% + 20%), issued concurrently.
    const plan = paid.flatMap((order) =>
      [0.3, 0.2].map((share) => ({ order, amount: Math.round(order.amount * share) })),
    );
    const refund = async ({ order, amount }: (typeof plan)[number]) => {
      try {
        await createRefund(admin, {
          orderId: order.id,
          amount,
          reason: "requested_by_customer",
          refundApplicationFee: false,
        });
        return "ok";
      } catch (error) {
        return error instanceof AppError ? error.code : String(error);
      }
    };
    // At least one refund fails for the admin (every attempt answered 500), whatever the random faults do.
    await failNextOperation("^/v1/refunds$", "500");
    const first = await refund(plan[0]!);
    const outcomes = await withFaults({ path: "^/v1/refunds$", seed: SEED + 1 }, () =>
      mapLimit(plan.slice(1), CONCURRENCY, refund),
    );
    expectRatesNearTargets(outcomes, plan.length - 1);
    const results = [first, ...outcomes.result];
    expect(first).toBe("stripe:refund");
    expect(results.every((c) => c === "ok" || c === "stripe:refund")).toBe(true);

    await expectLedgerMatchesStripe(paid, { allowFailed: true });
  });

  it("the admin refunding the failed ones again converges on the intended amounts", async () => {
    const paid = orders.slice(0, PAID);
    const rows = await listRefundsOfOrders(paid.map((o) => o.id));
    for (const row of rows.filter((r) => r.status === "failed")) {
      const { refund } = await createRefund(admin, {
        orderId: row.orderId,
        amount: row.amount,
        reason: "requested_by_customer",
        refundApplicationFee: false,
      });
      expect(refund.status).toBe("succeeded");
    }
    const stripeTotals = await expectLedgerMatchesStripe(paid, { allowFailed: false });
    for (const order of paid)
      expect(stripeTotals.get(order.id)).toBe(
        Math.round(order.amount * 0.3) + Math.round(order.amount * 0.2),
      );
  });
});

/**
 * Per order: Stripe's refunds (by the `refund_id` we send as metadata) never duplicate one of our rows,
 * each belongs to a row we did not mark failed, and what we count as outstanding equals Stripe's total —
 * so the admin's "refundable" amount is right. Returns Stripe's refunded total per order.
 */
async function expectLedgerMatchesStripe(
  paid: Order[],
  { allowFailed }: { allowFailed: boolean },
): Promise<Map<string, number>> {
  const stripe = testStripe();
  const rows = await listRefundsOfOrders(paid.map((o) => o.id));
  const rowsById = new Map(rows.map((r) => [r.id, r]));
  const totals = new Map<string, number>();
  for (const order of paid) {
    const atStripe = await stripe.refunds
      .list({ payment_intent: order.paymentIntentId!, limit: 100 }, { stripeAccount: order.stripeAccountId })
      .autoPagingToArray({ limit: 1000 });
    for (const [refundId, group] of groupBy(atStripe, (r) => r.metadata?.refund_id ?? "none")) {
      expect(group, `Stripe refunds for our refund ${refundId}`).toHaveLength(1);
      const row = rowsById.get(refundId);
      expect(row?.orderId).toBe(order.id);
      expect(row).toMatchObject({
        stripeRefundId: group[0]?.id,
        status: "succeeded",
        amount: group[0]?.amount,
      });
    }
    const ours = rows.filter((r) => r.orderId === order.id);
    for (const row of ours) {
      expect(["succeeded", "failed"]).toContain(row.status); // pending would mean an unsettled call
      if (row.status === "failed") {
        expect(row.stripeRefundId).toBeNull();
        expect(row.failureReason).toBeTruthy();
      }
    }
    if (!allowFailed)
      expect(ours.filter((r) => r.status === "failed").length).toBe(ours.length - atStripe.length);
    const stripeTotal = atStripe.reduce((n, r) => n + r.amount, 0);
    const outstanding = ours.filter((r) => r.status !== "failed").reduce((n, r) => n + r.amount, 0);
    expect(outstanding).toBe(stripeTotal);
    expect(stripeTotal).toBeLessThanOrEqual(order.amount);
    totals.set(order.id, stripeTotal);
  }
  return totals;
}
