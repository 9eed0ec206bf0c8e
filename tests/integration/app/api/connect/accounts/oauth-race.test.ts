import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { connectedAccounts, type User } from "@/db/schema";
import { accountCreateIdempotencyKey, expressAccountParams } from "@/lib/connect/accounts";
import {
  call,
  deauthorizationsOf,
  decideOnStripe,
  emulatorAccountByEmail,
  emulatorAccountsFor,
  finishOAuth,
  rowFor,
  startOAuthFlow,
} from "@/tests/helpers/connect";
import { testStripe } from "@/tests/helpers/emulator";
import { createTestUser } from "@/tests/helpers/users";
import { POST } from "@/app/api/connect/accounts/route";

/*
 * "Start selling" (an Express account) racing "Connect an existing account" (the OAuth callback) for
 * the same seller. Whatever the interleaving, the seller ends with one row, and nothing is left at
 * Stripe that no row points to: an Express account made by the losing side is deleted, a Standard
 * authorization the seller cannot use is given back (deauthorized).
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function rowCount(user: User): Promise<number> {
  const rows = await db
    .select({ id: connectedAccounts.id })
    .from(connectedAccounts)
    .where(eq(connectedAccounts.userId, user.id));
  return rows.length;
}

/**
 * The Express account "Start selling" made at Stripe for this seller, if it made one (even if deleted
 * since): the app's idempotency key replays Stripe's first answer. When the key was never used the
 * probe itself creates an account, which it deletes again.
 */
async function expressMadeFor(seller: User): Promise<string | null> {
  const stripe = testStripe();
  const probe = await stripe.accounts.create(expressAccountParams(seller), {
    idempotencyKey: accountCreateIdempotencyKey(seller.id),
  });
  if (probe.lastResponse.headers["idempotent-replayed"] === "true") return probe.id;
  await stripe.accounts.del(probe.id);
  return null;
}

/** One race; `oauthDelayMs` shifts the callback against the POST (negative: the callback goes first). */
async function race(oauthDelayMs: number) {
  const seller = await createTestUser("seller");
  const email = `race-${randomUUID().slice(0, 8)}@test.example`;
  const started = await startOAuthFlow(seller);
  const query = await decideOnStripe(started, "connect", email);
  const [created, connected] = await Promise.all([
    sleep(Math.max(0, -oauthDelayMs)).then(() =>
      call(POST, seller, "/api/connect/accounts", { method: "POST" }),
    ),
    sleep(Math.max(0, oauthDelayMs)).then(() => finishOAuth(seller, query, started.cookie)),
  ]);
  const standard = await emulatorAccountByEmail(email);
  if (!standard) throw new Error("the authorize page made no Standard account");
  return { seller, created, connected, standard };
}

// Callback head starts (ms) to cycle through: the orphan case needs the callback's insert to land while
// "Start selling" waits for Stripe, a window of a few ms around -3 on an idle machine, wider under load.
const DELAYS = [0, -1, -2, -3, -4, -5, -6, -8, -10, -14, -20, 5, 20];
const MAX_ROUNDS = 80;

describe("POST /api/connect/accounts racing the OAuth callback", () => {
  it("always ends with exactly one row and no orphan at Stripe, in every interleaving", async () => {
    const seen = new Set<string>();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const delay = DELAYS[round % DELAYS.length] ?? 0;
      const { seller, created, connected, standard } = await race(delay);
      const label = `round ${round}, delay ${delay}ms: POST ${created.status}, callback ${connected.outcome}`;
      expect([200, 201], label).toContain(created.status);
      expect(["connected", "already_connected"], label).toContain(connected.outcome);
      expect(await rowCount(seller), label).toBe(1);
      const row = await rowFor(seller);
      // The POST answers with the seller's row as it stood, whichever flow made it.
      const answered = (created.body.account as { id: string }).id;
      const express = await emulatorAccountsFor(seller.id);
      const made = await expressMadeFor(seller);

      if (connected.outcome === "connected") {
        // The Standard account won: the row is it, and no Express account of this seller survives.
        expect(row, label).toMatchObject({
          type: "standard",
          stripeAccountId: standard.id,
          disconnectedAt: null,
        });
        expect(express, label).toHaveLength(0);
        if (made) {
          // An Express account was made (stored then replaced, or never stored): it is gone at Stripe.
          await expect(testStripe().accounts.retrieve(made), label).rejects.toMatchObject({
            statusCode: 404,
          });
        }
        expect(answered, label).toBe(created.status === 201 ? made : standard.id);
        expect(await deauthorizationsOf(standard.id), label).toHaveLength(0);
        // 201: Express stored first, then replaced by the callback. 200 + made: the callback's row
        // landed while Stripe made the Express account (accounts.ts's orphan clean-up). 200 alone:
        // "Start selling" found the Standard row and made nothing.
        seen.add(created.status === 201 ? "replaced" : made ? "orphan_deleted" : "found_standard");
      } else {
        // The Express row landed between the callback's look-up and its insert: it stays, and the
        // Standard authorization is given back rather than kept unused.
        expect(row, label).toMatchObject({ type: "express", stripeAccountId: answered });
        expect(
          express.map((a) => a.id),
          label,
        ).toEqual([answered]);
        expect(made, label).toBe(answered);
        expect(await deauthorizationsOf(standard.id), label).toHaveLength(1);
        seen.add("standard_given_back");
      }
      if (round >= DELAYS.length && seen.has("orphan_deleted")) break;
    }
    // The point of the race: the clean-up path really ran at least once.
    expect([...seen]).toContain("orphan_deleted");
  });
});
