import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ConnectedAccount } from "@/db/schema";
import { actAs, revalidated } from "@/tests/helpers/action-request";
import { rowFor, sellerWithExpressAccount } from "@/tests/helpers/connect";
import { control } from "@/tests/helpers/emulator";
import { createCallers, createTestUser } from "@/tests/helpers/users";
import { refreshOnboardingStatusAction } from "@/app/dashboard/onboarding/actions";

/*
 * The action embedded onboarding's onExit calls: reads the session seller's own account from Stripe
 * and stores its status. It takes no input, so there is no account (or form) to name: each caller can
 * only ever refresh their own row.
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/action-request")).nextHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

let callers: Awaited<ReturnType<typeof createCallers>>;
let accountA: ConnectedAccount;
let accountB: ConnectedAccount;

beforeAll(async () => {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  callers = await createCallers();
  accountA = await sellerWithExpressAccount(callers.sellerA);
  accountB = await sellerWithExpressAccount(callers.sellerB);
  // Both sellers finished onboarding at Stripe; our rows have not heard of it yet (no webhook here).
  await control(`/accounts/${accountA.stripeAccountId}/onboard`, {});
  await control(`/accounts/${accountB.stripeAccountId}/onboard`, {});
});

describe("refreshOnboardingStatusAction", () => {
  it("anonymous, buyers and admins are refused and no row changes", async () => {
    for (const [caller, message] of [
      [null, "Please sign in first."],
      [callers.buyer, "Your account is not allowed to do this."],
      [callers.admin, "Your account is not allowed to do this."],
    ] as const) {
      expect(await actAs(caller, () => refreshOnboardingStatusAction())).toMatchObject({
        ok: false,
        message,
      });
    }
    expect(await rowFor(callers.sellerA)).toEqual(accountA);
    expect(await rowFor(callers.sellerB)).toEqual(accountB);
  });

  it("seller A refreshes only A's row; B's stays as it was until B asks", async () => {
    const state = await actAs(callers.sellerA, () => refreshOnboardingStatusAction());
    expect(state).toEqual({ ok: true, data: { readiness: "ready" } });
    expect(revalidated).toContain("/dashboard");
    expect(await rowFor(callers.sellerA)).toMatchObject({
      stripeAccountId: accountA.stripeAccountId,
      detailsSubmitted: true,
      chargesEnabled: true,
    });
    expect(await rowFor(callers.sellerB)).toEqual(accountB);

    expect(await actAs(callers.sellerB, () => refreshOnboardingStatusAction())).toEqual({
      ok: true,
      data: { readiness: "ready" },
    });
    expect(await rowFor(callers.sellerB)).toMatchObject({
      stripeAccountId: accountB.stripeAccountId,
      chargesEnabled: true,
    });
  });

  it("a seller without an account hears so, and no row is made", async () => {
    const seller = await createTestUser("seller");
    expect(await actAs(seller, () => refreshOnboardingStatusAction())).toEqual({
      ok: true,
      data: { readiness: "no_account" },
    });
    expect(await rowFor(seller)).toBeUndefined();
  });

  it("Stripe failing reads as a message and leaves the row as it was", async () => {
    const seller = await createTestUser("seller");
    const account = await sellerWithExpressAccount(seller);
    await control(`/accounts/${account.stripeAccountId}/onboard`, {});
    // Only this account's retrieve fails (request + both SDK retries): no other test is affected.
    await control("/faults", {
      path: `^/v1/accounts/${account.stripeAccountId}$`,
      method: "GET",
      count: 3,
      kind: "500",
    });
    const state = await actAs(seller, () => refreshOnboardingStatusAction());
    expect(state).toMatchObject({
      ok: false,
      message: expect.stringMatching(/could not reach Stripe/) as string,
    });
    expect(state.message).not.toMatch(/emulator|acct_/);
    expect(await rowFor(seller)).toEqual(account);
  });
});
