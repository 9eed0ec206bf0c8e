import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import type { ConnectedAccount } from "@/db/schema";

/**
 * Embedded components need an Express account on the platform: without one (or with a Standard
 * account, managed in its own Stripe Dashboard) the page says what to do instead of failing to load.
 */
export function ExpressAccountGate({
  account,
  what,
  children,
}: {
  account: ConnectedAccount | null;
  what: string;
  children: ReactNode;
}) {
  if (!account || account.disconnectedAt) {
    return (
      <Alert tone="info">
        You need a Stripe account on the platform to see your {what}.{" "}
        <Link prefetch={false} href="/dashboard" className="font-medium underline">
          Start selling from your dashboard
        </Link>
        .
      </Alert>
    );
  }
  if (account.type !== "express") {
    return (
      <Alert tone="info">
        Your {what} are in your own Stripe Dashboard (dashboard.stripe.com), because you connected an existing
        Stripe account.
      </Alert>
    );
  }
  return <>{children}</>;
}
