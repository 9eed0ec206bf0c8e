import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { connectedAccounts } from "@/db/schema";
import {
  createTestProduct,
  createTestSeller,
  deactivateProduct,
  disconnectAccount,
} from "@/tests/helpers/checkout";
import { insertOrdersFor } from "@/tests/helpers/orders";
import { appCall, appRequest, linkedDashboardUser } from "@/tests/helpers/stripe-app";
import { createTestUser } from "@/tests/helpers/users";
import type { AccountContext } from "@/stripe-app/src/contract";
import { POST } from "@/app/api/stripe-app/account/route";

/* The Stripe App's connected-account view asks /api/stripe-app/account: the seller behind an account. */
vi.mock("next/headers", async () => (await import("@/tests/helpers/browser-jar")).browserHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

const PATH = "/api/stripe-app/account";
let dashboardUser: string;

beforeAll(async () => {
  dashboardUser = await linkedDashboardUser(await createTestUser("admin"));
});

const ask = async (accountId: string) =>
  appCall(
    POST,
    await appRequest(PATH, { userId: dashboardUser, payload: { connected_account_id: accountId } }),
  );

describe("POST /api/stripe-app/account", () => {
  it("shows the seller's shop, products, volume and what Stripe still needs (past due first)", async () => {
    const { seller, account } = await createTestSeller();
    const mug = await createTestProduct(seller.id, { name: "Blue mug", price: 1500 });
    const old = await createTestProduct(seller.id, { name: "Old mug", price: 900 });
    await deactivateProduct(old.id);
    const shop = { seller, account, product: mug };
    await insertOrdersFor(shop, 1, { status: "succeeded" });
    await insertOrdersFor(shop, 1, { status: "succeeded", amount: 3000, amountRefunded: 1000 });
    await insertOrdersFor(shop, 1, { status: "failed" });
    await db
      .update(connectedAccounts)
      .set({
        requirementsCurrentlyDue: ["external_account", "tos_acceptance.date"],
        requirementsPastDue: ["tos_acceptance.date"],
      })
      .where(eq(connectedAccounts.stripeAccountId, account.stripeAccountId));

    const res = await ask(account.stripeAccountId);
    expect(res.status).toBe(200);
    const body = res.body as unknown as AccountContext;
    expect(body.seller).toMatchObject({
      id: seller.id,
      email: seller.email,
      stripeAccountId: account.stripeAccountId,
      chargesEnabled: true,
      disconnected: false,
      requirementsDue: [
        { field: "tos_acceptance.date", pastDue: true },
        { field: "external_account", pastDue: false },
      ],
    });
    expect(body.seller.shopUrl).toMatch(new RegExp(`/sellers/${seller.id}$`));
    expect(body.seller.adminUrl).toMatch(new RegExp(`/admin/sellers/${seller.id}$`));
    expect(body.products.map((p) => [p.name, p.price.text, p.active]).sort()).toEqual([
      ["Blue mug", "$15.00", true],
      ["Old mug", "$9.00", false],
    ]);
    expect(body.volume).toEqual([
      {
        currency: "usd",
        orders: 2,
        gross: { minor: 4500, currency: "usd", text: "$45.00", decimal: "45.00" },
        refunded: { minor: 1000, currency: "usd", text: "$10.00", decimal: "10.00" },
      },
    ]);
  });

  it("says when the seller disconnected the platform", async () => {
    const { account } = await createTestSeller();
    await disconnectAccount(account.stripeAccountId);
    const body = (await ask(account.stripeAccountId)).body as unknown as AccountContext;
    expect(body.seller.disconnected).toBe(true);
  });

  it("answers 404 for an account that is no seller's, and 422 for something that is no account id", async () => {
    const res = await ask("acct_notaseller123");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: {
        code: "not_found:stripe_app_account",
        message: "This account is not a seller of the marketplace.",
      },
    });
    expect((await ask("cus_123")).status).toBe(422);
  });
});
