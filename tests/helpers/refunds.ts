import { expect } from "vitest";
import { listAuditLogsForTarget } from "@/db/queries/audit-logs";
import { countRefundsForOrder } from "@/db/queries/refunds";
import { AppError } from "@/lib/errors";
import type { Admin } from "@/lib/guards";
import { createRefund, type RefundInput } from "@/lib/refunds/create-refund";
import { testStripe } from "./emulator";
import type { PaidOrder } from "./orders";

/* What the refund tests (lib/refunds/create-refund*.test.ts) look at: Stripe's side and ours. */

export function refundInput(paid: PaidOrder, overrides: Partial<RefundInput> = {}): RefundInput {
  return {
    orderId: paid.order.id,
    amount: paid.order.amount,
    reason: "requested_by_customer",
    refundApplicationFee: false,
    ...overrides,
  };
}

export async function stripeRefunds(paid: PaidOrder) {
  const list = await testStripe().refunds.list(
    { payment_intent: paid.intent.id, limit: 100 },
    { stripeAccount: paid.account.stripeAccountId },
  );
  return list.data;
}

/** Available + pending USD on the seller's account, in cents. */
export async function sellerBalance(paid: PaidOrder): Promise<number> {
  const balance = await testStripe().balance.retrieve({}, { stripeAccount: paid.account.stripeAccountId });
  const usd = (list: { amount: number; currency: string }[]) =>
    list.filter((b) => b.currency === "usd").reduce((s, b) => s + b.amount, 0);
  return usd(balance.available) + usd(balance.pending);
}

export async function applicationFee(paid: PaidOrder) {
  const feeId =
    typeof paid.charge.application_fee === "string"
      ? paid.charge.application_fee
      : paid.charge.application_fee?.id;
  if (!feeId) throw new Error("the test charge has no application fee");
  return testStripe().applicationFees.retrieve(feeId);
}

export async function refusal(admin: Admin, refundInput: RefundInput): Promise<AppError> {
  const error = await createRefund(admin, refundInput).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

export async function expectNothingWritten(paid: PaidOrder) {
  expect(await countRefundsForOrder({ orderId: paid.order.id })).toBe(0);
  expect(await listAuditLogsForTarget({ targetType: "order", targetId: paid.order.id })).toHaveLength(0);
  expect(await stripeRefunds(paid)).toHaveLength(0);
}
