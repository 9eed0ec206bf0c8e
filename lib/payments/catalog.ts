import "server-only";
import {
  getShopProduct,
  getShopSeller,
  listShopProducts,
  type ShopProduct,
  type ShopSeller,
} from "@/db/queries/shop";
import { firstParam, isUuid, pageWindow } from "@/lib/params";

/*
 * The storefront's reads: only products a buyer can actually pay for (active, from a seller whose
 * connected account can charge and is still connected).
 */

export type { ShopProduct, ShopSeller };

export const SHOP_PAGE_SIZE = 12;
export const MAX_SEARCH_LENGTH = 100;

export interface ShopPage {
  items: ShopProduct[];
  total: number;
  page: number;
  pageCount: number;
  search: string;
}

export function normalizeSearch(value: string | string[] | undefined): string {
  const raw = firstParam(value);
  return (raw ?? "").trim().replace(/\s+/g, " ").slice(0, MAX_SEARCH_LENGTH);
}

export async function browseShop({
  search,
  page,
  sellerId,
}: {
  search: string;
  page: number;
  sellerId?: string;
}): Promise<ShopPage> {
  const { offset, limit } = pageWindow(page, SHOP_PAGE_SIZE);
  const { items, total } = await listShopProducts({ search: search || undefined, sellerId, limit, offset });
  return { items, total, page, pageCount: Math.max(1, Math.ceil(total / SHOP_PAGE_SIZE)), search };
}

export async function featuredProducts(limit = 6): Promise<ShopProduct[]> {
  return (await listShopProducts({ limit, offset: 0 })).items;
}

export async function findShopProduct(id: string): Promise<ShopProduct | null> {
  return isUuid(id) ? ((await getShopProduct({ id })) ?? null) : null;
}

export async function findShopSeller(id: string): Promise<ShopSeller | null> {
  return isUuid(id) ? ((await getShopSeller({ id })) ?? null) : null;
}
