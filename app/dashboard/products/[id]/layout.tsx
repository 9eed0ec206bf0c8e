import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { pageUser } from "@/lib/auth";
import { isAppError } from "@/lib/errors";
import { getSellerProduct } from "@/lib/products/seller-products";

/**
 * Another seller's product, or none, is a real 404: checked here, above ./loading.tsx (once a loading
 * boundary has streamed, the 200 is sent and the page's own notFound() only renders the not-found UI).
 */
export default async function EditProductLayout({
  params,
  children,
}: {
  params: Promise<{ id: string }>;
  children: ReactNode;
}) {
  const { id } = await params;
  const user = await pageUser("seller", "/dashboard/products");
  await getSellerProduct(user, id).catch((error: unknown) => {
    if (isAppError(error) && error.kind === "not_found") notFound();
    throw error;
  });
  return children;
}
