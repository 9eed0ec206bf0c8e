"use server";

import { revalidatePath } from "next/cache";
import { formDataToObject } from "@/lib/actions";
import { currentUser } from "@/lib/auth";
import { isUuid } from "@/lib/payments/orders";
import { refundFormStep, type RefundFormState } from "@/lib/refunds/refund-form";

/**
 * The refund form on /admin/orders/[id]: preview, then confirm. Admins only (checked in refundFormStep);
 * every answer carries the submitted values back so the form never loses them.
 */
export async function refundOrderAction(_prev: RefundFormState | undefined, formData: FormData): Promise<RefundFormState> {
  const state = await refundFormStep(await currentUser(), formDataToObject(formData));
  // Even a refusal by Stripe wrote a failed refund row and an audit entry: show them.
  const orderId = formData.get("orderId");
  if (state.status !== "preview" && typeof orderId === "string" && isUuid(orderId)) revalidatePath(`/admin/orders/${orderId}`);
  return state;
}
