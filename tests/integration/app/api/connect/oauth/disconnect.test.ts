import { beforeAll, describe, expect, it, vi } from "vitest";
import { canSellerCharge } from "@/db/queries/connected-accounts";
import { disconnectStandardAccount } from "@/lib/connect/oauth";
import { env } from "@/lib/env";
import type { Seller } from "@/lib/guards";
import {
  deauthorizationsOf,
  decideOnStripe,
  finishOAuth,
  rowFor,
  startOAuthFlow,
} from "@/tests/helpers/connect";
import { control, testStripe } from "@/tests/helpers/emulator";
import { createTestUser } from "@/tests/helpers/users";
import { refusal } from "@/tests/helpers/errors";

/*
 * Disconnecting a Standard account (Stripe's OAuth deauthorize): only the session user's own account,
 * nothing changes when Stripe fails, and Stripe saying "already not connected" still disconnects us.
 */

async function connectedSeller(): Promise<Seller> {
  const seller = await createTestUser("seller");
  const started = await startOAuthFlow(seller);
  expect((await finishOAuth(seller, await decideOnStripe(started, "connect"), started.cookie)).outcome).toBe(
    "connected",
  );
  return seller;
}

let sellerA: Seller;
let sellerB: Seller;
beforeAll(async () => {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  sellerA = await connectedSeller();
  sellerB = await connectedSeller();
});

describe("disconnectStandardAccount", () => {
  it("seller A disconnects only their own account; B's row and B's authorization stay", async () => {
    const bBefore = await rowFor(sellerB);
    const aBefore = await rowFor(sellerA);
    const result = await disconnectStandardAccount(sellerA);
    expect(result.stripeAccountId).toBe(aBefore?.stripeAccountId);
    expect(result.disconnectedAt).not.toBeNull();
    expect(await rowFor(sellerB)).toEqual(bBefore);
    expect(await canSellerCharge({ userId: sellerB.id })).toBe(true);
    expect(await deauthorizationsOf(bBefore?.stripeAccountId ?? "")).toHaveLength(0);

    // A seller without a connected account has nothing to disconnect, and still cannot reach B's.
    const error = await refusal(disconnectStandardAccount(sellerA));
    expect(error.code).toBe("conflict:oauth_disconnect");
    expect(await rowFor(sellerB)).toEqual(bBefore);
    expect(await deauthorizationsOf(bBefore?.stripeAccountId ?? "")).toHaveLength(0);
  });

  it("a Stripe error changes nothing and reads as a message, not Stripe's text; a retry then works", async () => {
    const seller = await connectedSeller();
    const before = await rowFor(seller);
    // Three failures: the request and both SDK retries.
    await control("/faults", { path: "^/oauth/deauthorize$", method: "POST", count: 3, kind: "500" });
    const error = await refusal(disconnectStandardAccount(seller));
    expect(error.code).toBe("stripe:oauth_disconnect");
    expect(error.status).toBe(502);
    expect(error.message).toBe(
      "Stripe could not disconnect your account just now. Nothing was changed; please try again.",
    );
    expect(await rowFor(seller)).toEqual(before);
    expect(await canSellerCharge({ userId: seller.id })).toBe(true);
    expect(await deauthorizationsOf(before?.stripeAccountId ?? "")).toHaveLength(0);

    expect((await disconnectStandardAccount(seller)).disconnectedAt).not.toBeNull();
    expect(await deauthorizationsOf(before?.stripeAccountId ?? "")).toHaveLength(1);
  });

  it("Stripe answering invalid_client (the seller revoked access on Stripe) still marks it disconnected", async () => {
    const seller = await connectedSeller();
    const before = await rowFor(seller);
    const stripeAccountId = before?.stripeAccountId ?? "";
    // The seller removed the platform from their Stripe Dashboard; we have not heard about it yet.
    await testStripe().oauth.deauthorize({ client_id: "ca_emulator", stripe_user_id: stripeAccountId });
    expect((await rowFor(seller))?.disconnectedAt).toBeNull();

    const after = await disconnectStandardAccount(seller);
    expect(after.disconnectedAt).not.toBeNull();
    expect(await canSellerCharge({ userId: seller.id })).toBe(false);
    // Only the seller's own deauthorization: we did not do a second one.
    expect(await deauthorizationsOf(stripeAccountId)).toHaveLength(1);
  });

  it("without a Connect client id: a 409 about the configuration, and nothing changes", async () => {
    const seller = await connectedSeller();
    const before = await rowFor(seller);
    const saved = env.stripeConnectClientId;
    Reflect.set(env, "stripeConnectClientId", undefined);
    try {
      const error = await refusal(disconnectStandardAccount(seller));
      expect(error.code).toBe("conflict:oauth_disconnect");
      expect(error.message).toMatch(/not available on this platform yet/);
    } finally {
      Reflect.set(env, "stripeConnectClientId", saved);
    }
    expect(await rowFor(seller)).toEqual(before);
    expect(await deauthorizationsOf(before?.stripeAccountId ?? "")).toHaveLength(0);
  });
});
