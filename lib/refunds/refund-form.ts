import "server-only";
import { z } from "zod";
import { getOrderById } from "@/db/queries/orders";
import { REFUND_REASONS, type User } from "@/db/schema";
import { requireRole } from "@/lib/auth";
import type { ActionState } from "@/lib/actions";
import { AppError, fieldErrorsOf, isAppError, publicMessage } from "@/lib/errors";
import { formatMoney } from "@/lib/format";
import { isUuid } from "@/lib/params";
import { parseMoneyInput } from "./amount";
import { createRefund, StaleRefundPreviewError } from "./create-refund";
import {
  computeRefundPreview,
  describePreview,
  describeSplit,
  readPreviewToken,
  signPreview,
  type RefundPreview,
} from "./preview";
import { waitsForSellerFunds } from "./refund-note";

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
  note: z.string().max(500, "Keep the note under 500 characters.").optional(),
  /** "preview" only computes the outcome; "confirm" refunds what the signed preview token says. */
  intent: z.enum(["preview", "confirm"]).default("preview"),
  token: z.string().max(2_000).optional(),
});
export type RefundFormInput = z.input<typeof refundFormSchema>;

/** The form's fields as the admin typed them: handed back with every answer, so nothing is ever lost. */
export interface RefundFormValues {
  amount: string;
  reason: string;
  refundApplicationFee: boolean;
  note: string;
}

/** An ActionState (`ok` false only for refusals; a preview is not one) with the form's own fields. */
export interface RefundFormState extends ActionState {
  ok: boolean;
  status: "error" | "preview" | "done";
  values: RefundFormValues;
  /** What happened, in one line; a field's own error is only in fieldErrors, so it shows once. */
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** The outcome to confirm, and the signed token the confirmation carries. */
  preview?: { text: string; token: string };
}

export function submittedValues(raw: Record<string, unknown>): RefundFormValues {
  const text = (key: string) => (typeof raw[key] === "string" ? raw[key].slice(0, 1_000) : "");
  const fee = raw.refundApplicationFee;
  return {
    amount: text("amount"),
    reason: text("reason"),
    refundApplicationFee: fee === true || fee === "on" || fee === "true",
    note: text("note"),
  };
}

/** The form-level line when fields are refused (the reasons stand next to their fields). */
const FIELDS_MESSAGE = "Nothing was refunded. Please correct the highlighted fields.";

function previewState(
  adminId: string,
  preview: RefundPreview,
  values: RefundFormValues,
  message?: string,
): RefundFormState {
  return {
    ok: true,
    status: "preview",
    values,
    message,
    preview: { text: describePreview(preview), token: signPreview(adminId, preview) },
  };
}

/**
 * One step of the refund form (the server action is this plus the session): "preview" states the outcome
 * without moving money; "confirm" refunds only what the signed preview said, recomputed under the order's
 * lock by createRefund. A confirmation that was never previewed, was edited, or is out of date (another
 * refund landed, or it is a replay) gets a fresh preview instead of a refund. Never throws.
 */
export async function refundFormStep(
  actor: User | null,
  raw: Record<string, unknown>,
): Promise<RefundFormState> {
  const values = submittedValues(raw);
  let adminId = "";
  try {
    adminId = requireRole(actor, "admin", "refund").id;
    const parsed = refundFormSchema.safeParse(raw);
    if (!parsed.success) {
      return {
        ok: false,
        status: "error",
        values,
        fieldErrors: fieldErrorsOf(parsed.error),
        message: FIELDS_MESSAGE,
      };
    }
    const input = parsed.data;
    const order = await getOrderById({ id: input.orderId });
    if (!order) throw new AppError("not_found:refund", "This order does not exist.");
    const amount = parseMoneyInput(input.amount, order.currency);
    if (!amount.ok)
      return {
        ok: false,
        status: "error",
        values,
        fieldErrors: { amount: [amount.message] },
        message: FIELDS_MESSAGE,
      };
    const request = {
      orderId: order.id,
      amount: amount.minor,
      reason: input.reason,
      refundApplicationFee: input.refundApplicationFee,
      note: input.note?.trim() || undefined,
    };
    const expected =
      input.intent === "confirm" ? readPreviewToken(input.token ?? "", adminId, order.id) : null;
    if (
      !expected ||
      expected.amount !== request.amount ||
      expected.refundApplicationFee !== request.refundApplicationFee
    ) {
      const preview = await computeRefundPreview(order, request);
      const unconfirmed =
        input.intent === "confirm"
          ? "Nothing was refunded: check the refund below and confirm it."
          : undefined;
      return previewState(adminId, preview, values, unconfirmed);
    }
    const { refund, preview } = await createRefund(actor, request, { expected });
    const money = formatMoney(refund.amount, refund.currency);
    const split = describeSplit(preview);
    const message =
      refund.status === "succeeded"
        ? `Refunded ${money}. ${split.charAt(0).toUpperCase()}${split.slice(1)}.`
        : waitsForSellerFunds(refund)
          ? `Refund of ${money} accepted by Stripe and pending: the seller's Stripe balance cannot cover it yet, so Stripe sends it to the buyer as soon as it can. Nothing else to do; the order shows it as in progress until then.`
          : `Refund of ${money} sent to Stripe (${refund.status}); the order updates when Stripe confirms it.`;
    return { ok: true, status: "done", values, message };
  } catch (error) {
    if (error instanceof StaleRefundPreviewError)
      return previewState(adminId, error.preview, values, error.message);
    if (!isAppError(error)) console.error("[action refund]", error);
    const fieldErrors = isAppError(error) ? error.fieldErrors : undefined;
    return {
      ok: false,
      status: "error",
      values,
      fieldErrors,
      message: fieldErrors ? FIELDS_MESSAGE : publicMessage(error),
    };
  }
}
