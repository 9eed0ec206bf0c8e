import type { Metadata } from "next";
import { Pagination } from "@/components/shop/pagination";
import { ProductGrid } from "@/components/shop/product-card";
import { SearchForm } from "@/components/shop/search-form";
import { EmptyState } from "@/components/ui/card";
import { cachedShopPage } from "@/lib/cache";
import { normalizeSearch } from "@/lib/payments/catalog";
import { parsePage } from "@/lib/params";

// Rendered per request (searchParams, and the CSP nonce of proxy.ts); the catalogue comes from the data
// cache of lib/cache.ts. No `force-dynamic`: it would also switch that cache off (fetchCache no-store).
export const metadata: Metadata = { title: "Shop" };

export default async function ShopPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const search = normalizeSearch(params.q);
  const result = await cachedShopPage({ search, page: parsePage(params.page) });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-bold">Shop</h1>
        <SearchForm action="/shop" search={search} />
      </div>
      {search ? (
        <p className="text-sm text-slate-600" aria-live="polite">
          {result.total} {result.total === 1 ? "product matches" : "products match"} “{search}”.
        </p>
      ) : null}
      {result.items.length > 0 ? (
        <ProductGrid products={result.items} label="Products" />
      ) : (
        <EmptyState title={search ? "No products match your search." : "No products for sale yet."}>
          {search ? "Try another word." : "Sellers are setting up their shops: come back soon."}
        </EmptyState>
      )}
      <Pagination
        basePath="/shop"
        page={result.page}
        pageCount={result.pageCount}
        params={search ? { q: search } : {}}
      />
    </div>
  );
}
