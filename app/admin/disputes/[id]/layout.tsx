import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { pageUser } from "@/lib/auth";
import { disputeExists } from "@/lib/disputes/views";

/**
 * An unknown dispute is a real 404: checked here, above ./loading.tsx (once a loading boundary has
 * streamed its fallback the 200 is sent, and the page's own notFound() only renders the not-found UI).
 */
export default async function AdminDisputeLayout({
  params,
  children,
}: {
  params: Promise<{ id: string }>;
  children: ReactNode;
}) {
  const { id } = await params;
  const admin = await pageUser("admin", `/admin/disputes/${id}`);
  if (!(await disputeExists(admin, id))) notFound();
  return children;
}
