import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { CaptureLaterBadge } from "@/components/checkout/capture-later";
import { addToCartAction } from "@/app/cart/actions";
import { QuantityForm } from "@/components/shop/quantity-form";
import { cachedShopProduct } from "@/lib/cache";
import { formatMoney } from "@/lib/money";

/*
 * Rendered per request (connection(): the CSP nonce of proxy.ts must be on this request's scripts), from
 * the data cache of lib/cache.ts (revalidated when the product or its seller changes). No `force-dynamic`:
 * it would also switch that cache off. React's cache(): one read per request for the page and its metadata.
 */
const productById = cache(async (id: string) => {
  await connection();
  return cachedShopProduct(id);
});

function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const product = await productById((await params).id);
  if (!product) return { title: "Product not found", robots: { index: false } };
  const price = formatMoney(product.price, product.currency);
  const description = excerpt(`${price} from ${product.sellerName}. ${product.description}`);
  return {
    title: product.name,
    description,
    openGraph: { title: `${product.name} · ${product.sellerName}`, description, type: "website" },
  };
}

export default async function ProductPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const product = await productById(id);
  if (!product) notFound();
  return (
    <article className="mx-auto max-w-2xl space-y-6">
      <div>
        <p className="text-sm text-slate-500">
          <Link href={`/sellers/${product.sellerId}`} className="hover:underline">
            {product.sellerName}
          </Link>
        </p>
        <h1 className="text-3xl font-bold">{product.name}</h1>
      </div>
      <p className="text-slate-700">{product.description}</p>
      <p className="text-2xl font-semibold">{formatMoney(product.price, product.currency)}</p>
      {product.captureLater ? <CaptureLaterBadge /> : null}
      <QuantityForm productId={product.id} addToCart={addToCartAction} />
    </article>
  );
}
