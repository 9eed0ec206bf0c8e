"use server";

import { revalidatePath } from "next/cache";
import { validatedAction, type ActionState } from "@/lib/actions";
import { cancelFormSchema, settledMessage, shipFormSchema } from "@/lib/capture/forms";
import { settleAuthorization } from "@/lib/capture/settle";
import { noteAdded, noteFormSchema, noteInput } from "@/lib/disputes/note-form";
import { addDisputeNote } from "@/lib/disputes/notes";

/**
 * The seller's "add a note or a file" form on a disputed order. Sellers only; addDisputeNote lets a
 * seller add only to a dispute on their own order (any other is "not found").
 */
export const addSellerDisputeNoteAction = validatedAction(
  { schema: noteFormSchema, roles: ["seller"], surface: "dispute_note" },
  async (form, seller): Promise<ActionState> => {
    const input = noteInput(form);
    await addDisputeNote(seller, input);
    revalidatePath("/dashboard/orders/[id]", "page");
    return noteAdded(input);
  },
);

/** The order page, the "To ship" list and the nav's count all change when an order ships or is canceled. */
function refreshShipping() {
  revalidatePath("/dashboard", "layout");
}

/**
 * "Ship and charge": captures the shipped quantity of the seller's own authorised order (the rest is
 * released). Another seller's order does not exist for them (settleAuthorization checks the owner).
 */
export const shipOrderAction = validatedAction(
  {
    schema: shipFormSchema,
    roles: ["seller"],
    surface: "capture",
    // A quantity settleAuthorization refuses is said next to the field, not twice.
    fieldsMessage: "Check the quantity shipped.",
  },
  async ({ orderId, quantity }, seller): Promise<ActionState> => {
    const settled = await settleAuthorization(
      orderId,
      { action: "capture", quantity },
      { actor: seller, by: "seller", sellerId: seller.id },
    );
    refreshShipping();
    return settledMessage(settled);
  },
);

/** "Cancel order": releases the whole authorisation of the seller's own order, with the chosen reason. */
export const cancelOrderAction = validatedAction(
  { schema: cancelFormSchema, roles: ["seller"], surface: "capture" },
  async ({ orderId, reason }, seller): Promise<ActionState> => {
    const settled = await settleAuthorization(
      orderId,
      { action: "release", reason },
      { actor: seller, by: "seller", sellerId: seller.id },
    );
    refreshShipping();
    return settledMessage(settled);
  },
);
