import "server-only";
import { revalidateTag, unstable_cache } from "next/cache";
import { after } from "next/server";
import {
  browseShop,
  featuredProducts,
  findShopProduct,
  findShopSeller,
  type ShopPage,
  type ShopProduct,
  type ShopSeller,
} from "@/lib/payments/catalog";
import { isUuid } from "@/lib/params";

/*
 * The storefront's data cache: the one owner of the cache tags, of the cached reads the public pages
 * (/, /shop, /products/[id], /sellers/[id]) make, and of the revalidations that writers call.
 *
 * Why `unstable_cache` + `revalidateTag(tag, profile)` and not `"use cache"` + `cacheTag`: the latter
 * needs `cacheComponents`, which refuses every `export const dynamic` (35 routes) and turns every
 * uncached read into an error until it sits under <Suspense> — a rewrite of the whole app.
 *
 * Why the data and not the HTML: every page carries a per-request CSP nonce (proxy.ts,
 * lib/security/csp.ts), and Next can only put a nonce on scripts of a page rendered for that request
 * (node_modules/next/dist/docs/01-app/02-guides/content-security-policy.md: "all pages must be
 * dynamically rendered", PPR/ISR incompatible). So the pages still render per request, but without
 * touching the database for the catalogue: a render is a few cached reads and React.
 *
 * Tags (what a change makes stale):
 * - SHOP: every listing (the landing page, /shop and its pages, a seller page's product list);
 * - product:<id>: that product's page;
 * - seller:<id>: that seller's page header (name, whether the shop is open);
 * - PRODUCT_PAGES: every product page, which shows its seller's name and exists only while the
 *   seller can charge — a seller's change is rare, so it does not need a per-seller product index.
 *
 * Several app instances each hold their own cache and only hear their own revalidations (Next's
 * default cache handler): STALE_AFTER bounds how long another instance may show a change late. Checkout
 * re-reads everything (lib/payments/checkout.ts), so a stale page can never sell what is not for sale.
 */

const SHOP = "shop";
const PRODUCT_PAGES = "product-pages";
const productTag = (id: string) => `product:${id.toLowerCase()}`;
const sellerTag = (id: string) => `seller:${id.toLowerCase()}`;

/** Seconds after which a cached read is refreshed even if no revalidation reached this instance. */
const STALE_AFTER = 60;

/** Pages of the plain listing that are cached; searches and deep pages are read directly (unbounded keys). */
const CACHED_PAGES = 5;

/**
 * What Next does when its cache functions run outside a request (a test, a script, a worker not started
 * by a route): `revalidateTag` throws "Invariant: static generation store missing", `unstable_cache`
 * "Invariant: incrementalCache missing". There is no cache to read or to make stale there.
 * tests/integration/lib/cache.test.ts fails if Next changes these words.
 */
export function isOutsideNextRequest(error: unknown): boolean {
  return (
    error instanceof Error &&
    /^Invariant: (static generation store|incrementalCache) missing/.test(error.message)
  );
}

/** A cached read; outside a Next request (tests, scripts), the plain read. */
async function cached<T>(read: () => Promise<T>, key: string[], tags: string[]): Promise<T> {
  const readCached = unstable_cache(read, key, { tags, revalidate: STALE_AFTER });
  try {
    return await readCached();
  } catch (error) {
    if (isOutsideNextRequest(error)) return read();
    throw error;
  }
}

export function cachedShopPage(input: {
  search: string;
  page: number;
  sellerId?: string;
}): Promise<ShopPage> {
  if (input.search || input.page > CACHED_PAGES) return browseShop(input);
  const tags = input.sellerId ? [SHOP, sellerTag(input.sellerId)] : [SHOP];
  return cached(() => browseShop(input), ["shop-page", input.sellerId ?? "", String(input.page)], tags);
}

export function cachedFeaturedProducts(limit: number): Promise<ShopProduct[]> {
  return cached(() => featuredProducts(limit), ["featured-products", String(limit)], [SHOP]);
}

/** A product for sale, or null (also cached: its own revalidation or its seller's brings it back). */
export function cachedShopProduct(id: string): Promise<ShopProduct | null> {
  if (!isUuid(id)) return Promise.resolve(null);
  return cached(
    () => findShopProduct(id),
    ["shop-product", id.toLowerCase()],
    [productTag(id), PRODUCT_PAGES],
  );
}

export function cachedShopSeller(id: string): Promise<ShopSeller | null> {
  if (!isUuid(id)) return Promise.resolve(null);
  return cached(() => findShopSeller(id), ["shop-seller", id.toLowerCase()], [sellerTag(id)]);
}

/**
 * `{ expire: 0 }`: the next visitor reads fresh data (blocking) instead of one stale page — a product
 * the seller just deactivated must not be shown as for sale, and the seller sees their own edit.
 * (`updateTag` would do the same but throws outside a Server Action; webhooks and workers call these.)
 * In a request, Next applies the revalidation when the action, route or after() callback ends — after
 * the caller's transaction has committed. Outside one (tests, scripts) there is nothing to revalidate.
 */
function revalidate(tags: string[]): void {
  for (const tag of tags) {
    try {
      revalidateTag(tag, { expire: 0 });
    } catch (error) {
      if (isOutsideNextRequest(error)) continue;
      // A page that refreshes what it shows (the onboarding return page reads the account from Stripe)
      // may not revalidate while it renders: Next allows it in after(), once the page has been sent.
      if (!isDuringRender(error)) throw error;
      after(() => revalidateTag(tag, { expire: 0 }));
    }
  }
}

function isDuringRender(error: unknown): boolean {
  return error instanceof Error && error.message.includes("can't be called during render");
}

/** A product was created, edited, activated or deactivated: its page and every listing. */
export function revalidateProduct(productId: string): void {
  revalidate([productTag(productId), SHOP]);
}

/** What `canCharge` says of a seller changed (or their shop name): their page, listings, product pages. */
export function revalidateSeller(sellerId: string): void {
  revalidate([sellerTag(sellerId), SHOP, PRODUCT_PAGES]);
}
