import Link from "next/link";
import { notFound } from "next/navigation";
import { QuantityForm } from "@/components/shop/quantity-form";
import { formatMoney } from "@/lib/format";
import { findShopProduct } from "@/lib/payments/catalog";
import { MAX_QUANTITY } from "@/lib/payments/checkout";

export const dynamic = "force-dynamic";

export default async function ProductPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const product = await findShopProduct(id);
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
      <QuantityForm productId={product.id} max={MAX_QUANTITY} />
    </article>
  );
}
