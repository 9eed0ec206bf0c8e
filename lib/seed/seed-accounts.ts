import { EmulatorClient } from "@marketplace/stripe-emulator";
import type { User } from "@/db/schema";
import { ensureExpressAccount, refreshAccountStatus } from "@/lib/connect/accounts";
import { requireRole } from "@/lib/guards";
import { env } from "@/lib/env";

/*
 * Demo sellers need connected accounts that can charge, or the shop is empty. Offline, the seed
 * creates each Express account through the app's own code (same idempotency key as "Start selling",
 * so re-running finds the same account) and completes onboarding in the emulator, as if the seller
 * had filled in the form. With real Stripe keys nobody can onboard for the seller: the accounts are
 * created and the seller finishes onboarding from the dashboard.
 */

export interface SeedAccountsResult {
  accountsCreated: number;
  accountsOnboarded: number;
  notes: string[];
}

/** The emulator's control API: completes onboarding as if the seller had submitted the form. */
async function onboardInEmulator(stripeAccountId: string): Promise<void> {
  await new EmulatorClient({ url: env.emulatorUrl, secretKey: env.stripeSecretKey }).onboardAccount(
    stripeAccountId,
  );
}

export async function seedSellerAccounts(
  sellers: User[],
  options: { autoOnboard: boolean } = { autoOnboard: env.stripeMode === "offline" },
): Promise<SeedAccountsResult> {
  const result: SeedAccountsResult = { accountsCreated: 0, accountsOnboarded: 0, notes: [] };
  for (const seller of sellers) {
    try {
      const { account, created } = await ensureExpressAccount(
        requireRole(seller, "seller", "connect_account"),
      );
      if (created) result.accountsCreated += 1;
      if (account.chargesEnabled || account.type !== "express") continue;
      if (!options.autoOnboard) {
        result.notes.push(
          `${seller.email}: Express account ${account.stripeAccountId} created, not onboarded — with real Stripe keys ` +
            "the seller must finish onboarding from /dashboard; their products stay out of the shop until then.",
        );
        continue;
      }
      await onboardInEmulator(account.stripeAccountId);
      await refreshAccountStatus(account);
      result.accountsOnboarded += 1;
    } catch (error) {
      // Users and products are already seeded; a re-run (the seed is idempotent) finishes the accounts.
      const hint =
        env.stripeMode === "offline"
          ? ` Is the Stripe emulator running (npm run emulator, ${env.emulatorUrl})?`
          : "";
      result.notes.push(
        `${seller.email}: no connected account yet (${error instanceof Error ? error.message : String(error)}).${hint} ` +
          "Re-run npm run db:seed afterwards.",
      );
    }
  }
  return result;
}
