import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { Pagination } from "@/components/shop/pagination";
import { ProductGrid } from "@/components/shop/product-card";
import { EmptyState } from "@/components/ui/card";
import { cachedShopPage, cachedShopSeller } from "@/lib/cache";
import { parsePage } from "@/lib/params";

/*
 * Rendered per request (connection(): the CSP nonce of proxy.ts must be on this request's scripts), from
 * the data cache of lib/cache.ts (revalidated when the seller or a product changes). No `force-dynamic`:
 * it would also switch that cache off. React's cache(): one read per request for the page and its metadata.
 */
const sellerById = cache(async (id: string) => {
  await connection();
  return cachedShopSeller(id);
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const seller = await sellerById((await params).id);
  if (!seller) return { title: "Shop not found", robots: { index: false } };
  const description = `Products from ${seller.name} on Connect Market, paid securely through Stripe.`;
  return { title: seller.name, description, openGraph: { title: seller.name, description, type: "website" } };
}

export default async function SellerPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const seller = await sellerById(id);
  if (!seller) notFound();
  const result = await cachedShopPage({
    search: "",
    sellerId: seller.id,
    page: parsePage((await searchParams).page),
  });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{seller.name}</h1>
      {result.items.length > 0 ? (
        <ProductGrid products={result.items} label={`Products by ${seller.name}`} />
      ) : (
        <EmptyState title="This shop has no products for sale right now." />
      )}
      <Pagination basePath={`/sellers/${seller.id}`} page={result.page} pageCount={result.pageCount} />
    </div>
  );
}
