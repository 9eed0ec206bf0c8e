"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction, type ActionState } from "@/lib/actions";
import { finishCardSetup, removeCard, setDefaultCard, startCardSetup } from "@/lib/wallet/cards";
import { cardLabel } from "@/lib/wallet/card-label";
import { cardFormSchema, removeCardFormSchema, setupDoneSchema } from "@/lib/wallet/forms";

/*
 * The buyer's saved cards. Buyers only; every action acts on the caller's own platform Customer, and a
 * card id that is not saved there (someone else's, removed, made up) is "not found" (lib/wallet/cards.ts).
 */

const PAGE = "/account/payment-methods";

/** "Add a card": a SetupIntent for the Payment Element (setup mode) to confirm in the browser. */
export const startCardSetupAction = validatedAction(
  { schema: z.object({}), roles: ["buyer"], surface: "wallet" },
  async (_input, buyer): Promise<ActionState<{ clientSecret: string }>> => ({
    ok: true,
    data: await startCardSetup(buyer),
  }),
);

/** After Stripe.js confirmed the SetupIntent: the card is saved (the first one becomes the default). */
export const finishCardSetupAction = validatedAction(
  { schema: setupDoneSchema, roles: ["buyer"], surface: "wallet" },
  async ({ setupIntentId }, buyer): Promise<ActionState<{ paymentMethodId: string }>> => {
    const card = await finishCardSetup(buyer, setupIntentId);
    revalidatePath(PAGE);
    return { ok: true, message: `Saved ${cardLabel(card)}.`, data: { paymentMethodId: card.id } };
  },
);

export const setDefaultCardAction = validatedAction(
  { schema: cardFormSchema, roles: ["buyer"], surface: "wallet" },
  async ({ paymentMethodId }, buyer): Promise<ActionState> => {
    await setDefaultCard(buyer, paymentMethodId);
    revalidatePath(PAGE);
    return { ok: true, message: "Default card changed: checkout offers it first." };
  },
);

export const removeCardAction = validatedAction(
  { schema: removeCardFormSchema, roles: ["buyer"], surface: "wallet" },
  async ({ paymentMethodId }, buyer): Promise<ActionState> => {
    await removeCard(buyer, paymentMethodId);
    revalidatePath(PAGE);
    return { ok: true, message: "Card removed. It can no longer be used to pay." };
  },
);
