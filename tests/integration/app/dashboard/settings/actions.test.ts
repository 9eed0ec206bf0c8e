import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ConnectedAccount, User } from "@/db/schema";
import { actAs, formData, settle } from "@/tests/helpers/action-request";
import {
  deauthorizationsOf,
  decideOnStripe,
  finishOAuth,
  rowFor,
  sellerWithExpressAccount,
  startOAuthFlow,
} from "@/tests/helpers/connect";
import { createCallers, createTestUser } from "@/tests/helpers/users";
import { disconnectAccountAction } from "@/app/dashboard/settings/actions";

/*
 * "Disconnect my Stripe account" (settings): the session seller's own Standard account only, whatever
 * the form names; a missing confirmation changes nothing. (Stripe failing during the deauthorize:
 * app/api/connect/oauth/disconnect.test.ts — one fault on the shared /oauth/deauthorize path is enough.)
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/action-request")).nextHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

async function connectStandard(seller: User): Promise<ConnectedAccount> {
  const started = await startOAuthFlow(seller);
  const res = await finishOAuth(seller, await decideOnStripe(started, "connect"), started.cookie);
  expect(res.outcome).toBe("connected");
  const row = await rowFor(seller);
  if (!row) throw new Error("no row after connecting");
  return row;
}

const disconnect = (fields: Record<string, string>) =>
  settle(disconnectAccountAction(undefined, formData(fields)));

let callers: Awaited<ReturnType<typeof createCallers>>;
let accountA: ConnectedAccount;
let accountB: ConnectedAccount;

beforeAll(async () => {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  callers = await createCallers();
  accountA = await connectStandard(callers.sellerA);
  accountB = await connectStandard(callers.sellerB);
});

describe("disconnectAccountAction", () => {
  it("anonymous, buyers and admins are refused, whatever account the form names", async () => {
    for (const [caller, message] of [
      [null, "Please sign in first."],
      [callers.buyer, "Your account is not allowed to do this."],
      [callers.admin, "Your account is not allowed to do this."],
    ] as const) {
      const result = await actAs(caller, () =>
        disconnect({ confirm: "yes", account: accountB.stripeAccountId, userId: callers.sellerB.id }),
      );
      expect(result).toEqual({ state: { ok: false, message, fieldErrors: undefined } });
    }
    expect(await rowFor(callers.sellerA)).toEqual(accountA);
    expect(await rowFor(callers.sellerB)).toEqual(accountB);
    expect(await deauthorizationsOf(accountB.stripeAccountId)).toHaveLength(0);
  });

  it("a missing or wrong confirmation is a field error and changes nothing", async () => {
    for (const fields of [{}, { confirm: "no" }, { confirm: "YES " }] as Record<string, string>[]) {
      const result = await actAs(callers.sellerA, () => disconnect(fields));
      expect(result.redirect).toBeUndefined();
      expect(result.state?.ok).toBe(false);
      expect(result.state?.fieldErrors?.confirm).toEqual(["Confirm that you want to disconnect."]);
    }
    expect(await rowFor(callers.sellerA)).toEqual(accountA);
    expect(await deauthorizationsOf(accountA.stripeAccountId)).toHaveLength(0);
  });

  it("seller A naming B's account disconnects A's own only; then B disconnects B's", async () => {
    const result = await actAs(callers.sellerA, () =>
      disconnect({ confirm: "yes", account: accountB.stripeAccountId, userId: callers.sellerB.id }),
    );
    expect(result).toEqual({ redirect: "/dashboard?disconnected=1" });
    expect((await rowFor(callers.sellerA))?.disconnectedAt).not.toBeNull();
    expect(await deauthorizationsOf(accountA.stripeAccountId)).toHaveLength(1);
    expect(await rowFor(callers.sellerB)).toEqual(accountB);
    expect(await deauthorizationsOf(accountB.stripeAccountId)).toHaveLength(0);

    // A again: nothing left to disconnect, and still nothing of B's is touched.
    const again = await actAs(callers.sellerA, () => disconnect({ confirm: "yes" }));
    expect(again.state).toMatchObject({
      ok: false,
      message: expect.stringMatching(/don't have a Stripe account/) as string,
    });
    expect(await rowFor(callers.sellerB)).toEqual(accountB);

    expect(await actAs(callers.sellerB, () => disconnect({ confirm: "yes" }))).toEqual({
      redirect: "/dashboard?disconnected=1",
    });
    expect((await rowFor(callers.sellerB))?.disconnectedAt).not.toBeNull();
  });

  it("an Express seller is told how to close their account instead; nothing changes", async () => {
    const seller = await createTestUser("seller");
    const express = await sellerWithExpressAccount(seller, { onboarded: true });
    const result = await actAs(seller, () => disconnect({ confirm: "yes" }));
    expect(result.state).toMatchObject({
      ok: false,
      message: expect.stringMatching(/contact support/) as string,
    });
    expect(await rowFor(seller)).toEqual(express);
  });
});
