import { and, count, desc, eq, ilike, or, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { canChargeCondition } from "@/db/queries/connected-accounts";
import { connectedAccounts, products, users } from "@/db/schema";

/** A product as the shop shows it: only what a buyer may see about its seller. */
export interface ShopProduct {
  id: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  sellerId: string;
  sellerName: string;
  /** "Charge when I ship": the buyer's card is authorised at checkout and charged when the seller ships. */
  captureLater: boolean;
}

export interface ShopSeller {
  id: string;
  name: string;
}

const shopProductColumns = {
  id: products.id,
  name: products.name,
  description: products.description,
  price: products.price,
  currency: products.currency,
  captureLater: products.captureLater,
  sellerId: products.sellerId,
  // Sellers sign up with a shop name; fall back to their own name if they have none.
  sellerName: users.businessName,
  userName: users.name,
};

type ShopRow = Omit<ShopProduct, "sellerName"> & { sellerName: string | null; userName: string };

function toShopProduct({ userName, sellerName, ...row }: ShopRow): ShopProduct {
  return { ...row, sellerName: sellerName ?? userName };
}

/** `%` and `_` typed by a buyer are literal characters, not wildcards. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Products a buyer may purchase: active, from a seller whose connected account can charge. Checkout
 * asks the same of one product in lib/payments/checkout-rules.ts (and explains a refusal).
 */
function sellable(extra: (SQL | undefined)[] = []): SQL {
  return and(eq(products.active, true), canChargeCondition(), ...extra) as SQL;
}

export interface ListShopProductsInput {
  search?: string;
  sellerId?: string;
  limit: number;
  offset: number;
}

export async function listShopProducts(
  { search, sellerId, limit, offset }: ListShopProductsInput,
  ex: Executor = db,
): Promise<{ items: ShopProduct[]; total: number }> {
  const pattern = search ? likePattern(search) : undefined;
  const where = sellable([
    pattern ? or(ilike(products.name, pattern), ilike(products.description, pattern)) : undefined,
    sellerId ? eq(products.sellerId, sellerId) : undefined,
  ]);
  const rows = await ex
    .select(shopProductColumns)
    .from(products)
    .innerJoin(users, eq(users.id, products.sellerId))
    .innerJoin(connectedAccounts, eq(connectedAccounts.userId, products.sellerId))
    .where(where)
    // The id breaks ties so pages never overlap or skip rows created in the same instant.
    .orderBy(desc(products.createdAt), desc(products.id))
    .limit(limit)
    .offset(offset);
  const [totalRow] = await ex
    .select({ n: count() })
    .from(products)
    .innerJoin(connectedAccounts, eq(connectedAccounts.userId, products.sellerId))
    .where(where);
  return { items: rows.map(toShopProduct), total: totalRow?.n ?? 0 };
}

/** A product that is for sale now, or undefined (unknown, inactive, or its seller cannot charge). */
export async function getShopProduct(
  { id }: { id: string },
  ex: Executor = db,
): Promise<ShopProduct | undefined> {
  const [row] = await ex
    .select(shopProductColumns)
    .from(products)
    .innerJoin(users, eq(users.id, products.sellerId))
    .innerJoin(connectedAccounts, eq(connectedAccounts.userId, products.sellerId))
    .where(sellable([eq(products.id, id)]))
    .limit(1);
  return row ? toShopProduct(row) : undefined;
}

/** A seller whose shop is open (their account can charge), or undefined. */
export async function getShopSeller(
  { id }: { id: string },
  ex: Executor = db,
): Promise<ShopSeller | undefined> {
  const [row] = await ex
    .select({ id: users.id, name: users.businessName, userName: users.name })
    .from(users)
    .innerJoin(connectedAccounts, eq(connectedAccounts.userId, users.id))
    .where(and(eq(users.id, id), eq(users.role, "seller"), canChargeCondition()))
    .limit(1);
  return row ? { id: row.id, name: row.name ?? row.userName } : undefined;
}
