"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction, type ActionState } from "@/lib/actions";
import { accountReadiness, type Readiness } from "@/lib/connect/account-status";
import { refreshSellerStatus } from "@/lib/connect/accounts";

const run = validatedAction(
  { schema: z.object({}), roles: ["seller"], surface: "account_status" },
  async (_input, user): Promise<ActionState<{ readiness: Readiness | "no_account" }>> => {
    const account = await refreshSellerStatus(user);
    return { ok: true, data: { readiness: account ? accountReadiness(account) : "no_account" } };
  },
);

/**
 * Called when the seller leaves the embedded onboarding (onExit): reads the account from Stripe and
 * stores its status, so the dashboard is right even before the account.updated webhook arrives.
 */
export async function refreshOnboardingStatusAction(): Promise<
  ActionState<{ readiness: Readiness | "no_account" }>
> {
  const state = await run(undefined, {});
  revalidatePath("/dashboard", "layout");
  return state;
}
