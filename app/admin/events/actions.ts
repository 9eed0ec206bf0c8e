"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction, type ActionState } from "@/lib/actions";
import { reapplyEvent } from "@/lib/webhooks/admin-events";

const reapplySchema = z.object({
  eventId: z.string().regex(/^evt_[A-Za-z0-9_]{1,255}$/, "Unknown event."),
});

const run = validatedAction(
  { schema: reapplySchema, roles: ["admin"], surface: "reapply_event" },
  async (input, user): Promise<ActionState> => reapplyEvent(user, input),
);

/** The "Re-apply" button of a failed event on /admin/events. Admins only; audited. */
export async function reapplyEventAction(
  prev: ActionState | undefined,
  formData: FormData,
): Promise<ActionState> {
  const state = await run(prev, formData);
  revalidatePath("/admin/events");
  return state;
}
