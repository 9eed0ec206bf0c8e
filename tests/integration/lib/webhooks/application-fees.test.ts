import type Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { getApplicationFeeByStripeId } from "@/db/queries/application-fees";
import { createRefund } from "@/lib/refunds/create-refund";
import type { Admin } from "@/lib/guards";
import { createPaidOrder, type PaidOrder } from "@/tests/helpers/orders";
import { createTestUser } from "@/tests/helpers/users";
import { applyWith, emulatorEvent, postEvent } from "@/tests/helpers/webhooks";
import { handleApplicationFeeEvent } from "@/lib/webhooks/application-fees";

/* application_fee.* (platform events) → the platform's fee ledger, from real direct charges. */

let admin: Admin;
beforeAll(async () => {
  admin = await createTestUser("admin");
});

function feeEvent(paid: PaidOrder, type: string) {
  return emulatorEvent(
    "acct_emulator_platform",
    type,
    (e) => (e.data.object as Stripe.ApplicationFee).charge === paid.charge.id,
  );
}

describe("application fee events", () => {
  it("records the fee of an order's charge, then its refund", async () => {
    const paid = await createPaidOrder({ amount: 10_000, fee: 830 });
    const created = await feeEvent(paid, "application_fee.created");
    const fee = created.data.object as Stripe.ApplicationFee;

    expect((await postEvent(created)).status).toBe(200);
    expect(await getApplicationFeeByStripeId({ stripeFeeId: fee.id })).toMatchObject({
      orderId: paid.order.id,
      stripeAccountId: paid.account.stripeAccountId,
      chargeId: paid.charge.id,
      amount: 830,
      amountRefunded: 0,
      currency: "usd",
    });

    await createRefund(admin, {
      orderId: paid.order.id,
      amount: 5_000,
      reason: "requested_by_customer",
      refundApplicationFee: true,
    });
    const refunded = await feeEvent(paid, "application_fee.refunded");
    await postEvent(refunded);
    const expected = (refunded.data.object as Stripe.ApplicationFee).amount_refunded;
    expect(expected).toBe(415);
    expect((await getApplicationFeeByStripeId({ stripeFeeId: fee.id }))?.amountRefunded).toBe(expected);

    // The older application_fee.created (amount_refunded 0) applied last, as a late retry would be.
    expect(await applyWith(handleApplicationFeeEvent, created)).toMatchObject({ status: "applied" });
    expect((await getApplicationFeeByStripeId({ stripeFeeId: fee.id }))?.amountRefunded).toBe(expected);
  });
});
