import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Pagination } from "@/components/shop/pagination";
import { ProductGrid } from "@/components/shop/product-card";
import { EmptyState } from "@/components/ui/card";
import { browseShop, findShopSeller } from "@/lib/payments/catalog";
import { parsePage } from "@/lib/params";

export const dynamic = "force-dynamic";

/** One read per request for the page and its metadata. */
const sellerById = cache(findShopSeller);

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
  const result = await browseShop({
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
