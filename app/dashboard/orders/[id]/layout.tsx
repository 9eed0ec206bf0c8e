import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { pageUser } from "@/lib/auth";
import { sellerOrder } from "@/lib/connect/seller-overview";

/**
 * Another seller's order, or none, is a real 404: checked here, above ./loading.tsx (once a loading
 * boundary has streamed, the 200 is sent and the page's own notFound() only renders the not-found UI).
 */
export default async function SellerOrderLayout({
  params,
  children,
}: {
  params: Promise<{ id: string }>;
  children: ReactNode;
}) {
  const { id } = await params;
  const user = await pageUser("seller", `/dashboard/orders/${id}`);
  if (!(await sellerOrder(user, id))) notFound();
  return children;
}
