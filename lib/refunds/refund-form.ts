import "server-only";
import { z } from "zod";
import { getOrderById } from "@/db/queries/orders";
import { REFUND_REASONS } from "@/db/schema";
import type { ActionState } from "@/lib/actions";
import { AppError } from "@/lib/errors";
import type { Admin } from "@/lib/guards";
import { formatMoney, parseMoneyInput } from "@/lib/money";
import { isUuid } from "@/lib/params";
import {
  createRefund,
  StaleRefundPreviewError,
  type CreatedRefund,
  type RefundChannel,
} from "./create-refund";
import {
  computeRefundPreview,
  describePreview,
  describeSplit,
  readPreviewToken,
  signPreview,
  type PreviewStamp,
  type RefundPreview,
} from "./preview";
import { waitsForPlatformFunds, waitsForSellerFunds } from "./refund-note";

/**
 * What the order page's refund form submits, parsed once by the action (app/admin/orders/[id]/actions.ts).
 * The amount is a decimal in the order's currency ("12.50"), read by parseMoneyInput.
 */
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
export type RefundForm = z.infer<typeof refundFormSchema>;

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
  /** Once done: Stripe's status of the refund ("succeeded", "pending" …). */
  refundStatus?: string;
}

/** The form-level line when fields are refused (the reasons stand next to their fields). */
export const REFUND_FIELDS_MESSAGE = "Nothing was refunded. Please correct the highlighted fields.";

/** The fields as submitted (parsed or not), for the answer to carry back. */
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

function previewState(
  admin: Admin,
  preview: RefundPreview,
  values: RefundFormValues,
  message?: string,
): RefundFormState {
  return {
    ok: true,
    status: "preview",
    values,
    message,
    preview: { text: describePreview(preview), token: signPreview(admin.id, preview) },
  };
}

function doneState({ refund, preview }: CreatedRefund, values: RefundFormValues): RefundFormState {
  const money = formatMoney(refund.amount, refund.currency);
  const split = describeSplit(preview);
  const message =
    refund.status === "succeeded"
      ? `Refunded ${money}. ${split.charAt(0).toUpperCase()}${split.slice(1)}.`
      : waitsForSellerFunds(refund)
        ? `Refund of ${money} accepted by Stripe and pending: the seller's Stripe balance cannot cover it yet, so Stripe sends it to the buyer as soon as it can. Nothing else to do; the order shows it as in progress until then.`
        : waitsForPlatformFunds(refund)
          ? `Refund of ${money} accepted by Stripe and pending: the platform's Stripe balance covers it once the seller's transfer reversal arrives, and Stripe then sends it to the buyer. Nothing else to do; the order shows it as in progress until then.`
          : `Refund of ${money} sent to Stripe (${refund.status}); the order updates when Stripe confirms it.`;
  return { ok: true, status: "done", values, message, refundStatus: refund.status };
}

/** The typed amount in minor units, or a field refusal (nothing was refunded). */
function minorAmount(form: RefundForm, currency: string): number {
  const amount = parseMoneyInput(form.amount, currency);
  if (!amount.ok) {
    throw new AppError("unprocessable:refund", amount.message, { fieldErrors: { amount: [amount.message] } });
  }
  return amount.minor;
}

/** Whether the confirmed fields are the ones previewed (an edited form is previewed again instead). */
function asPreviewed(form: RefundForm, stamp: PreviewStamp): boolean {
  const amount = parseMoneyInput(form.amount, stamp.currency);
  return (
    amount.ok && amount.minor === stamp.amount && form.refundApplicationFee === stamp.refundApplicationFee
  );
}

/**
 * One step of the refund form, for an admin: "preview" states the outcome without moving money (one read
 * of the order); "confirm" refunds only what the signed preview said, recomputed under the order's lock by
 * createRefund (its one read of the order). A confirmation that was never previewed, was edited, or is out
 * of date (another refund landed, or it is a replay) gets a fresh preview instead of a refund. Refusals
 * are thrown as AppErrors; the action's wrapper turns them into the form's state.
 */
export async function refundFormStep(
  admin: Admin,
  form: RefundForm,
  via?: RefundChannel,
): Promise<RefundFormState> {
  const values = submittedValues(form);
  const stamp = form.intent === "confirm" ? readPreviewToken(form.token ?? "", admin.id, form.orderId) : null;
  if (stamp && asPreviewed(form, stamp)) {
    const request = {
      orderId: form.orderId,
      amount: stamp.amount,
      reason: form.reason,
      refundApplicationFee: form.refundApplicationFee,
      note: form.note?.trim() || undefined,
      via,
    };
    try {
      return doneState(await createRefund(admin, request, { expected: stamp }), values);
    } catch (error) {
      if (error instanceof StaleRefundPreviewError)
        return previewState(admin, error.preview, values, error.message);
      throw error;
    }
  }
  const order = await getOrderById({ id: form.orderId });
  if (!order) throw new AppError("not_found:refund", "This order does not exist.");
  const amount = minorAmount(form, order.currency);
  const preview = await computeRefundPreview(order, {
    amount,
    refundApplicationFee: form.refundApplicationFee,
  });
  const unconfirmed =
    form.intent === "confirm" ? "Nothing was refunded: check the refund below and confirm it." : undefined;
  return previewState(admin, preview, values, unconfirmed);
}
