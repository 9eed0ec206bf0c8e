import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getSellerForAdmin } from "@/lib/admin/console";
import { pageUser } from "@/lib/auth";

/** An unknown seller is a real 404, checked above ./loading.tsx (see app/admin/orders/[id]/layout.tsx). */
export default async function AdminSellerLayout({
  params,
  children,
}: {
  params: Promise<{ id: string }>;
  children: ReactNode;
}) {
  const { id } = await params;
  const admin = await pageUser("admin", `/admin/sellers/${id}`);
  if (!(await getSellerForAdmin(admin, id))) notFound();
  return children;
}
