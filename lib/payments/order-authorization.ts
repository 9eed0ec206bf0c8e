import "server-only";
import { getAuthorization, listAuthorizations } from "@/db/queries/authorizations";
import type { Order, OrderAuthorization } from "@/db/schema";

/*
 * The order pages (the buyer's and the admin's) describe a "charge when I ship" order with what the buyer
 * authorised and how it ended (order_authorizations); an automatic order has none.
 */

export async function authorizationOf(
  order: Pick<Order, "id" | "captureMethod">,
): Promise<OrderAuthorization | null> {
  if (order.captureMethod !== "manual") return null;
  return (await getAuthorization({ orderId: order.id })) ?? null;
}

/**
 * Each order with its authorisation, for a list page (one query for the page; only manual orders have
 * one, and a settled manual order's status needs it to say what was shipped).
 */
export async function withAuthorizations<T extends { order: Pick<Order, "id" | "captureMethod"> }>(
  rows: readonly T[],
): Promise<(T & { authorization: OrderAuthorization | null })[]> {
  const manual = rows.filter((row) => row.order.captureMethod === "manual").map((row) => row.order.id);
  const found = new Map((await listAuthorizations({ orderIds: manual })).map((a) => [a.orderId, a]));
  return rows.map((row) => ({ ...row, authorization: found.get(row.order.id) ?? null }));
}
