"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { validatedAction, type ActionState } from "@/lib/actions";
import { cancelFormSchema, settledMessage } from "@/lib/capture/forms";
import { settleAuthorization, type Settled } from "@/lib/capture/settle";
import {
  REFUND_FIELDS_MESSAGE,
  refundFormSchema,
  refundFormStep,
  submittedValues,
  type RefundFormState,
} from "@/lib/refunds/refund-form";
import { reserveRefundAttempt } from "@/lib/security/money-throttle";
import { clientIp } from "@/lib/security/throttle";

/**
 * The refund form on /admin/orders/[id]: preview, then confirm. Admins only; every answer carries the
 * submitted values back so the form never loses them.
 */
export const refundOrderAction = validatedAction(
  {
    schema: refundFormSchema,
    roles: ["admin"],
    surface: "refund",
    refusal: (raw) => ({ status: "error" as const, values: submittedValues(raw) }),
    fieldsMessage: REFUND_FIELDS_MESSAGE,
  },
  async (form, admin): Promise<RefundFormState> => {
    if (form.intent === "preview") return refundFormStep(admin, form);
    // Confirmations move money: limited per address (previews are free).
    const allowed = await reserveRefundAttempt({ ip: clientIp(await headers()) });
    if (!allowed.ok)
      return { ok: false, status: "error", values: submittedValues(form), message: allowed.message };
    try {
      return await refundFormStep(admin, form);
    } finally {
      // Even a refusal by Stripe wrote a failed refund row and an audit entry: show them.
      revalidatePath(`/admin/orders/${form.orderId}`);
    }
  },
);

/**
 * "Cancel authorisation" on a "charge when I ship" order: releases the buyer's whole authorisation at
 * Stripe, with the chosen reason (the seller's "Cancel order" form, components/capture/cancel-form.tsx).
 * Admins only, for any seller's order; lib/capture/settle.ts refuses one that is not authorised any more.
 */
export const cancelAuthorizationAction = validatedAction(
  { schema: cancelFormSchema, roles: ["admin"], surface: "capture" },
  async (form, admin): Promise<ActionState> => {
    let settled: Settled;
    try {
      settled = await settleAuthorization(
        form.orderId,
        { action: "release", reason: form.reason },
        { actor: admin, by: "admin" },
      );
    } finally {
      // A refusal by Stripe may mean the order moved on (captured, expired): the page shows where it is.
      revalidatePath(`/admin/orders/${form.orderId}`);
      revalidatePath("/admin/orders");
    }
    return settledMessage(settled);
  },
);
