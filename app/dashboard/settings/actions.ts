"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { validatedAction, type ActionState } from "@/lib/actions";
import { disconnectStandardAccount } from "@/lib/connect/oauth";

const disconnectSchema = z.object({
  confirm: z.literal("yes", { message: "Confirm that you want to disconnect." }),
});

/**
 * Disconnects the seller's own Standard account (Stripe's OAuth deauthorize), then shows the
 * dashboard, where the seller can connect an account again.
 */
export const disconnectAccountAction = validatedAction(
  { schema: disconnectSchema, roles: ["seller"], surface: "oauth_disconnect" },
  async (_input, seller): Promise<ActionState> => {
    await disconnectStandardAccount(seller);
    revalidatePath("/dashboard", "layout");
    redirect("/dashboard?disconnected=1");
  },
);
