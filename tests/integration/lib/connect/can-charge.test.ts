import { randomUUID } from "node:crypto";
import { and, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import {
  canChargeCondition,
  canSellerCharge,
  insertAccountForUser,
  markAccountDisconnected,
} from "@/db/queries/connected-accounts";
import { connectedAccounts, type ConnectedAccount } from "@/db/schema";
import { canCharge } from "@/lib/connect/can-charge";
import { createTestUser } from "@/tests/helpers/users";

/*
 * "Can this seller take money?" is written twice on purpose: canCharge() for rows in hand (checkout,
 * the dashboard) and canChargeCondition() inside SQL (the shop listing). Over every combination of the
 * flags Stripe reports, plus disconnection, both must pick the same accounts.
 */

const FLAGS = [true, false];
let rows: ConnectedAccount[];

beforeAll(async () => {
  const ids: string[] = [];
  for (const chargesEnabled of FLAGS)
    for (const detailsSubmitted of FLAGS)
      for (const payoutsEnabled of FLAGS)
        for (const disconnected of FLAGS) {
          const seller = await createTestUser("seller");
          const stripeAccountId = `acct_test${randomUUID().replace(/-/g, "").slice(0, 16)}`;
          const row = await insertAccountForUser({
            userId: seller.id,
            stripeAccountId,
            stripeStateAt: 1,
            status: {
              chargesEnabled,
              detailsSubmitted,
              payoutsEnabled,
              requirementsCurrentlyDue: chargesEnabled ? [] : ["external_account"],
              requirementsPastDue: [],
              disabledReason: chargesEnabled ? null : "requirements.past_due",
              email: seller.email,
              country: "US",
              type: "express",
            },
          });
          if (disconnected) await markAccountDisconnected({ stripeAccountId, at: new Date() });
          ids.push(row.id);
        }
  rows = await db.select().from(connectedAccounts).where(inArray(connectedAccounts.id, ids));
});

describe("canCharge and canChargeCondition", () => {
  it("select the same accounts: charges enabled and still connected, whatever else", async () => {
    const ids = rows.map((r) => r.id);
    const bySql = await db
      .select({ id: connectedAccounts.id })
      .from(connectedAccounts)
      .where(and(inArray(connectedAccounts.id, ids), canChargeCondition()));
    const byTs = rows.filter((r) => canCharge(r));

    expect(rows).toHaveLength(16);
    expect(bySql.map((r) => r.id).sort()).toEqual(byTs.map((r) => r.id).sort());
    // The rule itself: details_submitted and payouts_enabled do not enter into it.
    expect(byTs).toHaveLength(4);
    expect(byTs.every((r) => r.chargesEnabled && r.disconnectedAt === null)).toBe(true);
  });

  it("agree with the one-seller query the OAuth flow checks", async () => {
    for (const row of rows) expect(await canSellerCharge({ userId: row.userId })).toBe(canCharge(row));
  });

  it("says no without an account", () => {
    expect(canCharge(null)).toBe(false);
    expect(canCharge(undefined)).toBe(false);
  });
});
