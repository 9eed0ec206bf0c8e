import { z } from "zod";

/* The saved-card forms of /account/payment-methods (their actions: app/account/payment-methods/actions.ts). */

const paymentMethodId = z
  .string({ error: "Choose one of your saved cards." })
  .regex(/^pm_[A-Za-z0-9_]{1,100}$/, "Choose one of your saved cards.");

export const cardFormSchema = z.object({ paymentMethodId });

/** Removing cannot be undone: the box must be ticked, whatever the browser let through. */
export const removeCardFormSchema = z.object({
  paymentMethodId,
  confirm: z.literal("on", { error: "Tick the box to confirm you want to remove this card." }),
});

export const setupDoneSchema = z.object({
  setupIntentId: z
    .string({ error: "This card setup was not found. Please add the card again." })
    .regex(/^seti_[A-Za-z0-9_]{1,100}$/, "This card setup was not found. Please add the card again."),
});
