"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { formDataToObject } from "@/lib/actions";
import { currentUser } from "@/lib/auth";
import { isUuid } from "@/lib/params";
import { refundFormStep, submittedValues, type RefundFormState } from "@/lib/refunds/refund-form";
import { reserveRefundAttempt } from "@/lib/security/money-throttle";
import { clientIp } from "@/lib/security/throttle";

/**
 * The refund form on /admin/orders/[id]: preview, then confirm. Admins only (checked in refundFormStep);
 * every answer carries the submitted values back so the form never loses them.
 */
export async function refundOrderAction(
  _prev: RefundFormState | undefined,
  formData: FormData,
): Promise<RefundFormState> {
  const values = formDataToObject(formData);
  if (values.intent === "confirm") {
    // Confirmations move money: limited per address (previews are free).
    const allowed = await reserveRefundAttempt({ ip: clientIp(await headers()) });
    if (!allowed.ok)
      return { ok: false, status: "error", values: submittedValues(values), message: allowed.message };
  }
  const state = await refundFormStep(await currentUser(), values);
  // Even a refusal by Stripe wrote a failed refund row and an audit entry: show them.
  const orderId = formData.get("orderId");
  if (state.status !== "preview" && typeof orderId === "string" && isUuid(orderId))
    revalidatePath(`/admin/orders/${orderId}`);
  return state;
}
