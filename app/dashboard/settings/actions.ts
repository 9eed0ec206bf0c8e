"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { validatedAction, type ActionState } from "@/lib/actions";
import { disconnectStandardAccount } from "@/lib/connect/oauth";

const run = validatedAction(
  {
    schema: z.object({ confirm: z.literal("yes", { message: "Confirm that you want to disconnect." }) }),
    roles: ["seller"],
    surface: "oauth_disconnect",
  },
  async (_input, user): Promise<ActionState> => {
    await disconnectStandardAccount(user);
    return { ok: true };
  },
);

/**
 * Disconnects the seller's own Standard account (Stripe's OAuth deauthorize), then shows the
 * dashboard, where the seller can connect an account again.
 */
export async function disconnectAccountAction(
  prev: ActionState | undefined,
  formData: FormData,
): Promise<ActionState> {
  const state = await run(prev, formData);
  if (!state.ok) return state;
  revalidatePath("/dashboard", "layout");
  redirect("/dashboard?disconnected=1");
}
