import Link from "next/link";
import { ProductGrid } from "@/components/shop/product-card";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { connection } from "next/server";
import { cachedFeaturedProducts } from "@/lib/cache";

// Rendered per request (the CSP nonce of proxy.ts), from the data cache of lib/cache.ts. No
// `force-dynamic`: it would also switch that cache off.
export default async function LandingPage() {
  await connection();
  const featured = await cachedFeaturedProducts(6);
  return (
    <div className="space-y-10">
      <section className="rounded-xl bg-gradient-to-br from-brand-600 to-brand-700 px-8 py-12 text-white">
        <h1 className="text-3xl font-bold">Independent sellers, paid the moment you buy.</h1>
        <p className="mt-3 max-w-2xl text-brand-100">
          Every purchase goes straight to the seller&apos;s own Stripe account; the platform keeps a small
          fee.
        </p>
        <div className="mt-6 flex gap-3">
          <Link href="/shop" className={buttonClass("secondary")}>
            Browse the shop
          </Link>
          <Link href="/sign-up?role=seller" className={buttonClass("primary", "ring-1 ring-white/40")}>
            Start selling
          </Link>
        </div>
      </section>
      <section aria-labelledby="featured-heading" className="space-y-4">
        <div className="flex items-baseline justify-between">
          <h2 id="featured-heading" className="text-xl font-semibold">
            New in the shop
          </h2>
          <Link href="/shop" className="text-sm text-brand-700 underline">
            See all products
          </Link>
        </div>
        {featured.length > 0 ? (
          <ProductGrid products={featured} label="Featured products" />
        ) : (
          <EmptyState title="No products for sale yet.">
            Sellers are setting up their shops: come back soon.
          </EmptyState>
        )}
      </section>
    </div>
  );
}
