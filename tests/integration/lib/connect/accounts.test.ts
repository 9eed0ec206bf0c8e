import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { connectedAccounts } from "@/db/schema";
import { rowFor, sellerWithExpressAccount } from "@/tests/helpers/connect";
import { control } from "@/tests/helpers/emulator";
import { createTestUser } from "@/tests/helpers/users";
import { accountReadiness } from "@/lib/connect/account-status";
import { expressAccountParams, getSellerAccount, refreshSellerStatus } from "@/lib/connect/accounts";

describe("refreshSellerStatus (return page, onboarding onExit)", () => {
  it("reads the account from Stripe and stores its flags and requirements", async () => {
    const seller = await createTestUser("seller");
    const account = await sellerWithExpressAccount(seller);
    expect(accountReadiness(account)).toBe("onboarding_incomplete");
    expect(account.requirementsCurrentlyDue.length).toBeGreaterThan(0);

    // The seller finishes onboarding at Stripe; no webhook reaches us (tests run without delivery).
    await control(`/accounts/${account.stripeAccountId}/onboard`, {});
    expect((await rowFor(seller))?.chargesEnabled).toBe(false);
    const ready = await refreshSellerStatus(seller);
    expect(ready).toMatchObject({
      detailsSubmitted: true,
      chargesEnabled: true,
      payoutsEnabled: true,
      requirementsCurrentlyDue: [],
    });

    // Stripe asks for more later: the next refresh says so.
    await control(`/accounts/${account.stripeAccountId}/requirements`, {
      currently_due: ["individual.verification.document"],
    });
    const again = await refreshSellerStatus(seller);
    expect(again && accountReadiness(again)).toBe("needs_information");
    expect(again?.requirementsCurrentlyDue).toEqual(["individual.verification.document"]);
  });

  it("a read from Stripe wins over an event stamped by a clock ahead of ours (test clocks), and keeps that stamp", async () => {
    const seller = await createTestUser("seller");
    const account = await sellerWithExpressAccount(seller);
    // An account.updated from a clock ten days ahead was applied mid-onboarding: charges not enabled yet.
    const ahead = Math.floor(Date.now() / 1000) + 10 * 86_400;
    await db
      .update(connectedAccounts)
      .set({ stripeStateAt: ahead })
      .where(eq(connectedAccounts.stripeAccountId, account.stripeAccountId));

    await control(`/accounts/${account.stripeAccountId}/onboard`, {});
    // What the seller leaving the embedded onboarding asks: ready, not "needs more information".
    const ready = await refreshSellerStatus(seller);
    expect(ready && accountReadiness(ready)).toBe("ready");
    expect(ready?.stripeStateAt).toBe(ahead);
  });

  // Other roles are refused at the edge: the onboarding action's roles
  // (tests/integration/app/dashboard/onboarding/actions.test.ts) and the pages' pageUser (pages.test.ts).
  it("returns null for a seller without an account", async () => {
    expect(await refreshSellerStatus(await createTestUser("seller"))).toBeNull();
    expect(await getSellerAccount(await createTestUser("seller"))).toBeNull();
  });
});

describe("expressAccountParams", () => {
  it("asks for the Express dashboard with the platform paying fees and carrying losses, prefilled from sign-up", () => {
    expect(
      expressAccountParams({
        id: "u1",
        email: "s@example.com",
        country: "FR",
        name: "Sam",
        businessName: null,
      }),
    ).toEqual({
      controller: {
        fees: { payer: "application" },
        losses: { payments: "application" },
        stripe_dashboard: { type: "express" },
      },
      country: "FR",
      email: "s@example.com",
      business_profile: { name: "Sam" },
      capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
      metadata: { platform_user_id: "u1" },
    });
  });
});
