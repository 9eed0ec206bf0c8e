import { z } from "zod";
import { formNumber } from "@/lib/form-number";
import type { ActionState } from "@/lib/actions";
import { CHOSEN_RELEASE_REASONS, type ChosenReleaseReason } from "./policy";
import type { Settled } from "./settle";

/*
 * The "ship" and "cancel the order" forms of a "charge when I ship" order: the same for the seller's order
 * page and the admin's (their actions differ by role and by whose orders exist for them, lib/capture/settle.ts).
 */

export const shipFormSchema = z.object({
  orderId: z.uuid("Unknown order."),
  quantity: formNumber(
    z.number({ error: "Enter how many you ship." }).int("Enter a whole number.").min(1, "Ship at least 1."),
  ),
});

const reasons = Object.keys(CHOSEN_RELEASE_REASONS) as [ChosenReleaseReason, ...ChosenReleaseReason[]];

const releaseFormSchema = z.object({
  orderId: z.uuid("Unknown order."),
  reason: z.enum(reasons, { error: "Choose why the order is canceled." }),
});

/** "Cancel order": canceling cannot be undone, so the box must be ticked, whatever the browser let through. */
export const cancelFormSchema = releaseFormSchema.extend({
  confirm: z.literal("on", { error: "Tick the box to confirm the order is canceled." }),
});

/** What the form says once Stripe settled it. */
export function settledMessage({ order, result }: Settled): ActionState {
  return result === "captured"
    ? { ok: true, message: `Shipped ${order.quantity}: the buyer was charged.` }
    : { ok: true, message: "Order canceled: the authorisation was released and the buyer was not charged." };
}
