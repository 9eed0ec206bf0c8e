"use server";

import { revalidatePath } from "next/cache";
import { validatedAction, type ActionState } from "@/lib/actions";
import { isUuid } from "@/lib/payments/orders";
import { refundFormSchema, refundFromForm } from "@/lib/refunds/refund-form";

const run = validatedAction(
  { schema: refundFormSchema, roles: ["admin"], surface: "refund" },
  async (input, user): Promise<ActionState> => {
    const { message } = await refundFromForm(user, input);
    return { ok: true, message };
  },
);

/** The refund form on /admin/orders/[id]. Admins only; the amount is checked again under the order's row lock. */
export async function refundOrderAction(prev: ActionState | undefined, formData: FormData): Promise<ActionState> {
  const state = await run(prev, formData);
  // Even a refusal by Stripe wrote a failed refund row and an audit entry: show them.
  const orderId = formData.get("orderId");
  if (typeof orderId === "string" && isUuid(orderId)) revalidatePath(`/admin/orders/${orderId}`);
  return state;
}
