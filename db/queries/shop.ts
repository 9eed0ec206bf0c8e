import { and, count, desc, eq, ilike, or, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { sellerCanCharge } from "@/db/queries/connected-accounts";
import { feeSettingsOf, type FeeSettings } from "@/db/queries/settings";
import {
  connectedAccounts,
  platformSettings,
  products,
  users,
  type ConnectedAccount,
  type Product,
} from "@/db/schema";

/** A product as the shop shows it: only what a buyer may see about its seller. */
export interface ShopProduct {
  id: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  sellerId: string;
  sellerName: string;
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

/** Products a buyer may purchase: active, from a seller whose connected account can charge. */
function sellable(extra: (SQL | undefined)[] = []): SQL {
  return and(eq(products.active, true), sellerCanCharge(), ...extra) as SQL;
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
    .where(and(eq(users.id, id), eq(users.role, "seller"), sellerCanCharge()))
    .limit(1);
  return row ? { id: row.id, name: row.name ?? row.userName } : undefined;
}

/**
 * Everything checkout needs to decide whether a product can be bought, without filtering: the caller
 * tells "unknown product" from "seller cannot charge" to give the buyer the right message.
 */
export async function getProductForCheckout(
  { id }: { id: string },
  ex: Executor = db,
): Promise<{ product: Product; sellerName: string; account: ConnectedAccount | null } | undefined> {
  const [row] = await ex
    .select({
      product: products,
      sellerName: users.businessName,
      userName: users.name,
      account: connectedAccounts,
    })
    .from(products)
    .innerJoin(users, eq(users.id, products.sellerId))
    .leftJoin(connectedAccounts, eq(connectedAccounts.userId, products.sellerId))
    .where(eq(products.id, id))
    .limit(1);
  return row
    ? { product: row.product, sellerName: row.sellerName ?? row.userName, account: row.account }
    : undefined;
}

/**
 * What the checkout action needs to price an order, in one round trip: the product, its seller's
 * connected account and the platform fee settings (measured by `npm run bench`: one query fewer per
 * checkout).
 */
export async function getCheckoutContext(
  { id }: { id: string },
  ex: Executor = db,
): Promise<{ product: Product; account: ConnectedAccount | null; fees: FeeSettings } | undefined> {
  const [row] = await ex
    .select({
      product: products,
      account: connectedAccounts,
      feeBps: platformSettings.feeBps,
      feeFixed: platformSettings.feeFixed,
    })
    .from(products)
    .leftJoin(connectedAccounts, eq(connectedAccounts.userId, products.sellerId))
    .leftJoin(platformSettings, eq(platformSettings.id, 1))
    .where(eq(products.id, id))
    .limit(1);
  return row ? { product: row.product, account: row.account, fees: feeSettingsOf(row) } : undefined;
}
