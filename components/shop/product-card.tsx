import Link from "next/link";
import type { ShopProduct } from "@/db/queries/shop";
import { formatMoney } from "@/lib/money";

/*
 * No viewport prefetch for the cards' links: a grid of twelve products would send two dozen
 * prefetches (two requests each) on every visit, and for these dynamic pages a prefetch carries only
 * the shared layout (no loading.tsx below it), so it would not make the click faster. The product page
 * itself renders from the data cache (lib/cache.ts).
 */
export function ProductCard({ product }: { product: ShopProduct }) {
  return (
    <article className="flex h-full flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h3 className="text-base font-semibold">
        <Link href={`/products/${product.id}`} prefetch={false} className="hover:underline">
          {product.name}
        </Link>
      </h3>
      <p className="mt-1 text-sm text-slate-500">
        by{" "}
        <Link href={`/sellers/${product.sellerId}`} prefetch={false} className="hover:underline">
          {product.sellerName}
        </Link>
      </p>
      <p className="mt-3 line-clamp-3 flex-1 text-sm text-slate-700">{product.description}</p>
      <p className="mt-4 text-lg font-semibold">{formatMoney(product.price, product.currency)}</p>
    </article>
  );
}

export function ProductGrid({ products, label }: { products: ShopProduct[]; label: string }) {
  return (
    <ul aria-label={label} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {products.map((product) => (
        <li key={product.id} className="flex">
          <div className="h-full w-full">
            <ProductCard product={product} />
          </div>
        </li>
      ))}
    </ul>
  );
}
