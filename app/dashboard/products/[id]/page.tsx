import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProductForm } from "@/components/dashboard/product-form";
import { Card } from "@/components/ui/card";
import { pageUser } from "@/lib/auth";
import { isAppError } from "@/lib/errors";
import { getSellerProduct, priceInputValue } from "@/lib/products/seller-products";
import { updateProductAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit product" };

export default async function EditProductPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await pageUser("seller", "/dashboard/products");
  const { id } = await params;
  // Another seller's product is "not found", exactly like one that does not exist.
  const product = await getSellerProduct(user, id).catch((error: unknown) => {
    if (isAppError(error) && error.kind === "not_found") notFound();
    throw error;
  });
  return (
    <div className="max-w-2xl space-y-6">
      <div>
        <Link prefetch={false} href="/dashboard/products" className="text-sm text-brand-700 underline">
          ← All products
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">Edit {product.name}</h1>
      </div>
      <Card>
        <ProductForm
          action={updateProductAction}
          submitLabel="Save changes"
          initial={{
            productId: product.id,
            name: product.name,
            description: product.description,
            price: priceInputValue(product),
            currency: product.currency,
            captureLater: product.captureLater,
          }}
        />
      </Card>
    </div>
  );
}
