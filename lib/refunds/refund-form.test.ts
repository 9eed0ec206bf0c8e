import { beforeAll, describe, expect, it } from "vitest";
import { countRefundsForOrder, listRefundsForOrder } from "@/db/queries/refunds";
import { formDataToObject } from "@/lib/actions";
import { AppError } from "@/lib/errors";
import { testStripe } from "@/test/helpers/emulator";
import { createPaidOrder } from "@/test/helpers/orders";
import { createCallers } from "@/test/helpers/users";
import { refundFormSchema, refundFromForm } from "./refund-form";

/* The form's path: what the browser posts → minor units of the order's currency → createRefund. */

let callers: Awaited<ReturnType<typeof createCallers>>;
beforeAll(async () => {
  callers = await createCallers();
});

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return refundFormSchema.parse(formDataToObject(data));
}

describe("refundFromForm", () => {
  it("turns '12.34' into 1234 cents and the checkbox into refund_application_fee", async () => {
    const paid = await createPaidOrder({ amount: 5_000, fee: 400 });
    const { refund, message } = await refundFromForm(
      callers.admin,
      form({ orderId: paid.order.id, amount: "12.34", reason: "fraudulent", refundApplicationFee: "on" }),
    );
    expect(refund).toMatchObject({ amount: 1_234, refundApplicationFee: true, reason: "fraudulent", status: "succeeded" });
    expect(message).toBe("Refunded $12.34.");
    const [atStripe] = (await testStripe().refunds.list({ payment_intent: paid.intent.id }, { stripeAccount: paid.account.stripeAccountId })).data;
    expect(atStripe?.amount).toBe(1_234);
  });

  it("an unchecked fee box keeps the fee", () => {
    expect(form({ orderId: crypto.randomUUID(), amount: "1", reason: "duplicate" }).refundApplicationFee).toBe(false);
  });

  it.each([
    ["0", "The amount must be more than zero."],
    ["-1.00", "The amount must be more than zero."],
    ["1.234", "USD amounts have at most 2 decimal places."],
    ["ten", "Enter the amount as a number, like 12.50."],
    ["50.01", "You can refund at most $50.00 on this order."],
  ])("refuses %j with a field error and writes nothing", async (amount, message) => {
    const paid = await createPaidOrder({ amount: 5_000, fee: 400 });
    const error = await refundFromForm(callers.admin, form({ orderId: paid.order.id, amount, reason: "duplicate" })).then(
      () => null,
      (e: unknown) => e as AppError,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error?.fieldErrors?.amount).toEqual([message]);
    expect(await countRefundsForOrder({ orderId: paid.order.id })).toBe(0);
  });

  it("refuses non-admins before reading anything", async () => {
    const paid = await createPaidOrder({ amount: 5_000, fee: 400 });
    const input = form({ orderId: paid.order.id, amount: "1.00", reason: "duplicate" });
    for (const [actor, code] of [
      [callers.anonymous, "unauthorized:refund"],
      [callers.buyer, "forbidden:refund"],
      [callers.sellerA, "forbidden:refund"],
      [paid.seller, "forbidden:refund"],
    ] as const) {
      await expect(refundFromForm(actor, input)).rejects.toMatchObject({ code });
    }
    expect(await listRefundsForOrder({ orderId: paid.order.id })).toEqual([]);
  });
});
