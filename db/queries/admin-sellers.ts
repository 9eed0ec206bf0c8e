import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { orders, users, type ConnectedAccount, type User } from "@/db/schema";

/* Read queries for the admin console's sellers page. */

export interface SellerVolume {
  currency: string;
  /** Succeeded orders, gross, minor units. */
  gross: number;
  refunded: number;
  orders: number;
}

export type AdminSellerRow = Pick<User, "id" | "name" | "businessName" | "email" | "createdAt"> & {
  account: ConnectedAccount | null;
  volume: SellerVolume[];
};

export async function listAdminSellers(
  { limit, offset }: { limit: number; offset: number },
  ex: Executor = db,
): Promise<{ items: AdminSellerRow[]; total: number }> {
  const rows = await ex.query.users.findMany({
    columns: { id: true, name: true, businessName: true, email: true, createdAt: true },
    with: { connectedAccount: true },
    where: eq(users.role, "seller"),
    orderBy: [asc(users.businessName), asc(users.name), asc(users.id)],
    limit,
    offset,
  });
  const [total] = await ex.select({ n: count() }).from(users).where(eq(users.role, "seller"));
  const volumes = await sellerVolumes({ sellerIds: rows.map((r) => r.id) }, ex);
  return {
    items: rows.map(({ connectedAccount, ...r }) => ({
      ...r,
      account: connectedAccount,
      volume: volumes.get(r.id) ?? [],
    })),
    total: total?.n ?? 0,
  };
}

/** Succeeded-order volume per seller and currency (a seller may sell in several currencies). */
export async function sellerVolumes(
  { sellerIds }: { sellerIds: string[] },
  ex: Executor = db,
): Promise<Map<string, SellerVolume[]>> {
  const out = new Map<string, SellerVolume[]>();
  if (sellerIds.length === 0) return out;
  const rows = await ex
    .select({
      sellerId: orders.sellerId,
      currency: orders.currency,
      gross: sql<string>`coalesce(sum(${orders.amount}), 0)`,
      refunded: sql<string>`coalesce(sum(${orders.amountRefunded}), 0)`,
      orders: count(),
    })
    .from(orders)
    .where(and(eq(orders.status, "succeeded"), inArray(orders.sellerId, sellerIds)))
    .groupBy(orders.sellerId, orders.currency)
    .orderBy(asc(orders.currency));
  for (const r of rows) {
    const list = out.get(r.sellerId) ?? [];
    list.push({
      currency: r.currency,
      gross: Number(r.gross),
      refunded: Number(r.refunded),
      orders: r.orders,
    });
    out.set(r.sellerId, list);
  }
  return out;
}
