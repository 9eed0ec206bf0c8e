import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getOrderForAdmin } from "@/lib/admin/console";
import { pageUser } from "@/lib/auth";

/**
 * An unknown order is a real 404: checked here, above ./loading.tsx, because once a loading boundary
 * has streamed its fallback the status (200) is already sent and a notFound() from the page below
 * could only render the not-found UI. The page checks again on its own (they render in parallel).
 */
export default async function AdminOrderLayout({
  params,
  children,
}: {
  params: Promise<{ id: string }>;
  children: ReactNode;
}) {
  const { id } = await params;
  const admin = await pageUser("admin", `/admin/orders/${id}`);
  if (!(await getOrderForAdmin(admin, id))) notFound();
  return children;
}
