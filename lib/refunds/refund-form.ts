import "server-only";
import { z } from "zod";
import { getOrderById } from "@/db/queries/orders";
import { REFUND_REASONS, type User } from "@/db/schema";
import { requireRole } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/format";
import { isUuid } from "@/lib/payments/orders";
import { parseMoneyInput } from "./amount";
import { createRefund, type CreatedRefund } from "./create-refund";

/** What the order page's refund form submits. The amount is a decimal in the order's currency ("12.50"). */
export const refundFormSchema = z.object({
  orderId: z.string().refine(isUuid, "Unknown order."),
  amount: z.string().max(32, "Enter the amount as a number, like 12.50."),
  reason: z.enum(REFUND_REASONS, { message: "Choose a reason for the refund." }),
  // An unchecked checkbox is absent from the form data.
  refundApplicationFee: z
    .union([z.literal("on"), z.literal("true"), z.literal("false"), z.boolean()])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true"),
});
export type RefundFormInput = z.input<typeof refundFormSchema>;

/**
 * The form's entry point: converts the typed amount to minor units of the order's currency (string
 * parsing, never float maths), then hands over to createRefund, which checks everything again under lock.
 */
export async function refundFromForm(
  actor: User | null,
  input: z.output<typeof refundFormSchema>,
): Promise<CreatedRefund & { message: string }> {
  requireRole(actor, "admin", "refund");
  const order = await getOrderById({ id: input.orderId });
  if (!order) throw new AppError("not_found:refund", "This order does not exist.");
  const amount = parseMoneyInput(input.amount, order.currency);
  if (!amount.ok) throw new AppError("unprocessable:refund", amount.message, { fieldErrors: { amount: [amount.message] } });
  const created = await createRefund(actor, {
    orderId: order.id,
    amount: amount.minor,
    reason: input.reason,
    refundApplicationFee: input.refundApplicationFee,
  });
  const money = formatMoney(created.refund.amount, created.refund.currency);
  const message =
    created.refund.status === "succeeded"
      ? `Refunded ${money}.`
      : `Refund of ${money} sent to Stripe (${created.refund.status}); the order updates when Stripe confirms it.`;
  return { ...created, message };
}
