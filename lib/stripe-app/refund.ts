import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError, fieldErrorsOf, isAppError } from "@/lib/errors";
import { isUuid } from "@/lib/params";
import { refundFormStep, type RefundForm } from "@/lib/refunds/refund-form";
import { reserveRefundAttempt } from "@/lib/security/money-throttle";
import { countHit } from "@/lib/security/throttle";
import { REFUND_REASONS, type RefundAnswer } from "@/stripe-app/src/contract";
import { SIGNATURE_TOLERANCE_SECONDS, type AppRequest } from "./verify";

/*
 * "Refund on behalf of the seller" from the Stripe App: the admin console's refund form, step for step
 * (lib/refunds/refund-form.ts: preview, then a confirmation that refunds only what the signed preview
 * said, under the order's lock, audited), with the same per-address limit on confirmations. The audit
 * entry says it came from the app and which Dashboard user asked. The view never calls Stripe itself.
 */

const refundRequestSchema = z.strictObject({
  order_id: z.string().refine(isUuid, "Unknown order."),
  amount: z.string().max(32, "Enter the amount as a number, like 12.50."),
  reason: z.enum(REFUND_REASONS, { message: "Choose a reason for the refund." }),
  refund_application_fee: z.boolean({ message: "Say whether the platform fee is returned (true or false)." }),
  note: z.string().max(500, "Keep the note under 500 characters.").optional(),
  intent: z.enum(["preview", "confirm"], { message: 'The intent is "preview" or "confirm".' }),
  token: z.string().max(2_000).optional(),
});

/** A refusal as the view's form shows it: the message, each field's reason, and the HTTP status. */
export interface RefundRefusal {
  status: number;
  answer: RefundAnswer & { error: { code: string; message: string } };
}

function refusal(error: AppError): RefundRefusal {
  return {
    status: error.status,
    answer: {
      status: "error",
      message: error.message,
      fieldErrors: error.fieldErrors,
      error: { code: error.code, message: error.message },
    },
  };
}

/**
 * A signature confirms one refund only: a second request with the same signature (a replay, within the
 * five minutes Stripe's signature is valid) is refused before anything else, whatever its body.
 */
async function claimSignatureOnce(signature: string): Promise<void> {
  const key = `stripe-app:signature:${createHash("sha256").update(signature).digest("hex")}`;
  const first = await countHit(key, 2 * SIGNATURE_TOLERANCE_SECONDS * 1000, 1);
  if (!first.ok)
    throw new AppError(
      "conflict:stripe_app_replay",
      "This request was already received once, so nothing was refunded. Reload the app and try again.",
    );
}

export async function refundFromApp(
  request: AppRequest,
  ip: string,
): Promise<{ ok: true; answer: RefundAnswer } | ({ ok: false } & RefundRefusal)> {
  const parsed = refundRequestSchema.safeParse(request.fields);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const message = first
      ? `Nothing was refunded: ${first.message}`
      : "Nothing was refunded. Check the fields.";
    return {
      ok: false,
      ...refusal(
        new AppError("unprocessable:refund", message, { fieldErrors: fieldErrorsOf(parsed.error, "body") }),
      ),
    };
  }
  const fields = parsed.data;
  const form: RefundForm = {
    orderId: fields.order_id,
    amount: fields.amount,
    reason: fields.reason,
    refundApplicationFee: fields.refund_application_fee,
    note: fields.note,
    intent: fields.intent,
    token: fields.token,
  };
  try {
    if (form.intent === "confirm") {
      await claimSignatureOnce(request.signature);
      const allowed = await reserveRefundAttempt({ ip });
      if (!allowed.ok) throw new AppError("rate_limited:refund", allowed.message);
    }
    const state = await refundFormStep(request.admin, form, {
      channel: "stripe_app",
      dashboardUserId: request.dashboardUserId,
    });
    return {
      ok: true,
      answer: {
        status: state.status,
        message: state.message,
        preview: state.preview,
        refundStatus: state.refundStatus,
      },
    };
  } catch (error) {
    if (isAppError(error)) return { ok: false, ...refusal(error) };
    throw error;
  }
}
