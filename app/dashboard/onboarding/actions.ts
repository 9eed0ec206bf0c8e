"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction, type ActionState } from "@/lib/actions";
import { accountReadiness, type Readiness } from "@/lib/connect/account-status";
import { refreshSellerStatus } from "@/lib/connect/accounts";

export type OnboardingStatusState = ActionState<{ readiness: Readiness | "no_account" }>;

/**
 * Called (with no input) when the seller leaves the embedded onboarding (onExit): reads the account from
 * Stripe and stores its status, so the dashboard is right even before the account.updated webhook arrives.
 */
export const refreshOnboardingStatusAction = validatedAction(
  { schema: z.object({}), roles: ["seller"], surface: "account_status" },
  async (_input, seller): Promise<OnboardingStatusState> => {
    const account = await refreshSellerStatus(seller);
    revalidatePath("/dashboard", "layout");
    return { ok: true, data: { readiness: account ? accountReadiness(account) : "no_account" } };
  },
);
