import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { pageUser } from "@/lib/auth";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: { default: "Admin", template: "%s · Admin · Connect Market" },
  robots: { index: false },
};

/**
 * Admins only: anonymous visitors go to sign-in, buyers and sellers get the 403 page. Every page and
 * action below checks the role again on its own (layouts and pages render in parallel).
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await pageUser("admin", "/admin");
  return (
    <div className="space-y-6">
      <AdminNav />
      {children}
    </div>
  );
}
