import { beforeAll, describe, expect, it, vi } from "vitest";
import { getOrderById } from "@/db/queries/orders";
import { listOpenFindings } from "@/db/queries/reconcile";
import { reconcileEvents } from "@/lib/reconcile/events";
import { reconcilePayments } from "@/lib/reconcile/payments";
import { testStripe } from "@/tests/helpers/emulator";
import { createPaidOrder, setOrderState, type PaidOrder } from "@/tests/helpers/orders";

/*
 * The payment check: each paid order against its PaymentIntent and charge at Stripe. A difference is one
 * open finding per field (not one per run), and it resolves by itself once the order agrees again.
 * Runs are scoped to the file's sellers (the emulator, and on PostgreSQL the database, are shared).
 */

beforeAll(() => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});

const check = (paid: PaidOrder) => reconcilePayments({ accounts: [paid.account.stripeAccountId] });
const findingsOf = (paid: PaidOrder) => listOpenFindings({ limit: 50, orderIds: [paid.order.id] });

describe("reconcilePayments", () => {
  it("finds an order that says more was refunded than Stripe did, once, and resolves it when fixed", async () => {
    const paid = await createPaidOrder({ amount: 6000, fee: 400 });
    expect(await check(paid)).toMatchObject({ checked: 1, different: 0, opened: 0 });
    expect(await findingsOf(paid)).toEqual([]);

    await setOrderState(paid.order.id, { amountRefunded: 2500, refundState: "partially_refunded" });
    expect(await check(paid)).toMatchObject({ checked: 1, different: 1, opened: 1, resolved: 0 });
    expect(await check(paid)).toMatchObject({ different: 1, opened: 0 });
    const [finding, ...more] = await findingsOf(paid);
    expect(more).toEqual([]);
    expect(finding).toMatchObject({ field: "amount_refunded", ours: "2500", stripe: "0", resolvedAt: null });

    await setOrderState(paid.order.id, { amountRefunded: 0, refundState: "none" });
    expect(await check(paid)).toMatchObject({ different: 0, opened: 0, resolved: 1 });
    expect(await findingsOf(paid)).toEqual([]);
  });

  it("reports each field that differs: amount, fee, status, and a PaymentIntent Stripe does not know", async () => {
    const paid = await createPaidOrder({ amount: 5000, fee: 300 });
    await setOrderState(paid.order.id, { amount: 5100, applicationFeeAmount: 0, disputed: true });
    await check(paid);
    const fields = (await findingsOf(paid)).map((f) => [f.field, f.ours, f.stripe]);
    expect(fields.sort()).toEqual([
      ["amount", "5100", "5000"],
      ["application_fee", "0", "300"],
      ["disputed", "true", "false"],
    ]);

    await setOrderState(paid.order.id, {
      amount: 5000,
      applicationFeeAmount: 300,
      disputed: false,
      paymentIntentId: "pi_never_created_anywhere",
    });
    const result = await check(paid);
    expect(result).toMatchObject({ opened: 1, resolved: 3 });
    expect((await findingsOf(paid)).map((f) => f.field)).toEqual(["missing_at_stripe"]);
  });

  it("a refund whose events were lost: found, then resolved once the event reconciliation restored them", async () => {
    const paid = await createPaidOrder({ amount: 8000, fee: 500 });
    const account = paid.account.stripeAccountId;
    await testStripe().refunds.create(
      { payment_intent: paid.intent.id, amount: 3000 },
      { stripeAccount: account },
    );
    await check(paid);
    expect((await findingsOf(paid)).map((f) => [f.field, f.ours, f.stripe])).toEqual([
      ["amount_refunded", "0", "3000"],
    ]);

    await reconcileEvents({ accounts: [account] });
    expect(await getOrderById({ id: paid.order.id })).toMatchObject({
      amountRefunded: 3000,
      refundState: "partially_refunded",
    });
    expect(await check(paid)).toMatchObject({ different: 0, resolved: 1 });
    expect(await findingsOf(paid)).toEqual([]);
  });
});
