import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { listOrderNames } from "@/db/queries/admin-audit";
import { insertPendingRefund } from "@/db/queries/refunds";
import { orders, users } from "@/db/schema";
import { insertGuestOrder } from "@/tests/helpers/orders";
import { createTestUser } from "@/tests/helpers/users";

/*
 * db/relations.ts: the client knows the relations on whichever driver runs the suite (PGlite, node-postgres,
 * @vercel/postgres in CI), so relational queries follow the foreign keys, in a transaction too.
 */

describe("relations", () => {
  it("follow an order to its product, seller and refunds (with the refund's creator)", async () => {
    const { seller, product, order } = await insertGuestOrder(2500, 200);
    const admin = await createTestUser("admin");
    await insertPendingRefund({
      orderId: order.id,
      amount: 500,
      currency: "usd",
      reason: null,
      refundApplicationFee: false,
      createdBy: admin.id,
    });
    const found = await db.transaction((tx) =>
      tx.query.orders.findFirst({
        where: eq(orders.id, order.id),
        with: {
          product: { columns: { name: true } },
          seller: { columns: { id: true } },
          buyer: true,
          refunds: { with: { creator: { columns: { email: true } } } },
        },
      }),
    );
    expect(found).toMatchObject({
      id: order.id,
      product: { name: product.name },
      seller: { id: seller.id },
      buyer: null,
      refunds: [{ amount: 500, createdBy: admin.id, creator: { email: admin.email } }],
    });
  });

  it("give a seller their connected account (one per seller)", async () => {
    const { seller, account } = await insertGuestOrder(2500, 200);
    const found = await db.query.users.findFirst({
      where: eq(users.id, seller.id),
      with: { connectedAccount: true, sales: { columns: { id: true } } },
    });
    expect(found?.connectedAccount).toEqual(account);
    expect(found?.sales).toHaveLength(1);
  });

  it("name an order for the audit log by its product and shop", async () => {
    const { seller, product, order } = await insertGuestOrder(2500, 200);
    expect(await listOrderNames([order.id])).toEqual([
      { id: order.id, productName: product.name, shopName: seller.businessName ?? seller.name },
    ]);
    expect(await listOrderNames([])).toEqual([]);
  });
});
