import { inArray } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { orders } from "@/db/schema";

/* Names for the audit log's targets (admin console only): what an order id means to a person. */

export interface OrderName {
  id: string;
  productName: string;
  shopName: string;
}

export async function listOrderNames(ids: string[], ex: Executor = db): Promise<OrderName[]> {
  if (ids.length === 0) return [];
  const rows = await ex.query.orders.findMany({
    columns: { id: true },
    with: { product: { columns: { name: true } }, seller: { columns: { businessName: true, name: true } } },
    where: inArray(orders.id, ids),
  });
  return rows.map((o) => ({
    id: o.id,
    productName: o.product.name,
    shopName: o.seller.businessName ?? o.seller.name,
  }));
}
