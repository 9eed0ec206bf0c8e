"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction, type ActionState } from "@/lib/actions";
import { reapplyEvent } from "@/lib/webhooks/admin-events";

const reapplySchema = z.object({
  eventId: z.string().regex(/^evt_[A-Za-z0-9_]{1,255}$/, "Unknown event."),
});

/** The "Re-apply" button of a failed event on /admin/events. Admins only; audited. */
export const reapplyEventAction = validatedAction(
  { schema: reapplySchema, roles: ["admin"], surface: "reapply_event" },
  async (input, admin): Promise<ActionState> => {
    const state = await reapplyEvent(admin, input);
    revalidatePath("/admin/events");
    return state;
  },
);
