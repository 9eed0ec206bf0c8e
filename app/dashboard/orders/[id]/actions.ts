"use server";

import { revalidatePath } from "next/cache";
import { validatedAction, type ActionState } from "@/lib/actions";
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
