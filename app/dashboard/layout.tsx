import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ConnectProvider } from "@/components/connect/connect-provider";
import { DashboardNav } from "@/components/dashboard/dashboard-nav";
import { pageUser } from "@/lib/auth";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: { default: "Dashboard", template: "%s · Dashboard · Connect Market" },
  robots: { index: false },
};

/**
 * Sellers only: anonymous visitors go to sign-in, buyers and admins get the 403 page. Pages and
 * actions check the role again themselves. The Connect provider lives here so the one Connect.js
 * instance survives navigation between dashboard pages.
 */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await pageUser("seller", "/dashboard");
  return (
    <ConnectProvider
      publishableKey={env.stripePublishableKey}
      connectJsUrl={env.connectJsUrl}
      userId={user.id}
    >
      <div className="space-y-6">
        <DashboardNav />
        {children}
      </div>
    </ConnectProvider>
  );
}
