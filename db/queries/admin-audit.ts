import { eq, inArray, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { orders, products, users } from "@/db/schema";

/* Names for the audit log's targets (admin console only): what an order id means to a person. */

export interface OrderName {
  id: string;
  productName: string;
  shopName: string;
}

export async function listOrderNames(ids: string[], ex: Executor = db): Promise<OrderName[]> {
  if (ids.length === 0) return [];
  return ex
    .select({
      id: orders.id,
      productName: products.name,
      shopName: sql<string>`coalesce(${users.businessName}, ${users.name}, ${users.email})`,
    })
    .from(orders)
    .innerJoin(products, eq(products.id, orders.productId))
    .innerJoin(users, eq(users.id, orders.sellerId))
    .where(inArray(orders.id, ids));
}
