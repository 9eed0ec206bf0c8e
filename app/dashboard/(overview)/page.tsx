import type { Metadata } from "next";
import { BarChart } from "@/components/admin/bar-chart";
import { ToShipBanner } from "@/components/capture/to-ship-banner";
import { AccountStatusCard, GetStartedCard } from "@/components/dashboard/account-status";
import { ConnectOutcomeMessage } from "@/components/dashboard/connect-outcome";
import { ExpressOverviewEmbeds } from "@/components/dashboard/express-overview";
import { NegativeBalanceNotice } from "@/components/dashboard/negative-balance";
import { SellerOrders } from "@/components/dashboard/seller-orders";
import { StartSellingButton } from "@/components/dashboard/start-selling";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState } from "@/components/ui/card";
import { pageUser } from "@/lib/auth";
import { negativeBalancesFor } from "@/lib/connect/balance-explanation";
import { OAUTH_OUTCOMES, type OAuthOutcome } from "@/lib/connect/oauth";
import {
  RELEASED_SHOWN_DAYS,
  SALES_DAYS,
  sellerOverview,
  sellerToShipCounts,
} from "@/lib/connect/seller-overview";
import { formatMoney } from "@/lib/money";
import { firstParam } from "@/lib/params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dashboard" };

type Search = Record<string, string | string[] | undefined>;

function outcomeOf(value: string | string[] | undefined): OAuthOutcome | null {
  const v = firstParam(value);
  return OAUTH_OUTCOMES.find((o) => o === v) ?? null;
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await pageUser("seller", "/dashboard");
  const [overview, negative, toShip, sp] = await Promise.all([
    sellerOverview(user),
    negativeBalancesFor(user),
    sellerToShipCounts(user),
    searchParams,
  ]);
  const { account, readiness } = overview;
  const outcome = outcomeOf(sp.connect);
  const connected = account !== null && readiness !== "disconnected";
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{user.businessName ?? user.name}</h1>
        <p className="text-sm text-slate-600">Your shop on Connect Market.</p>
      </div>
      {outcome ? <ConnectOutcomeMessage outcome={outcome} /> : null}
      {sp.disconnected && readiness === "disconnected" ? (
        <Alert tone="success">
          Your Stripe account was disconnected. Your products are hidden from the shop until you connect an
          account again.
        </Alert>
      ) : null}
      {account ? (
        <AccountStatusCard
          account={account}
          readiness={readiness === "no_account" ? "onboarding_incomplete" : readiness}
          missing={overview.missing}
        />
      ) : null}
      {!connected ? (
        <GetStartedCard
          canConnectExisting={overview.canConnectExisting}
          startButton={
            <StartSellingButton label={account ? "Create a new Stripe account" : "Start selling"} />
          }
        />
      ) : null}
      <ToShipBanner counts={toShip} days={RELEASED_SHOWN_DAYS} />
      <NegativeBalanceNotice balances={negative} />
      {connected && account.type === "express" ? (
        // Stripe's banner would repeat the list above while anything is missing: one list at a time.
        <ExpressOverviewEmbeds banner={overview.missing.length === 0} />
      ) : null}
      <div className="space-y-6">
        <Card title={`Sales, last ${SALES_DAYS} days, after refunds and disputes`}>
          {overview.sales.length > 0 ? (
            <div className="space-y-6">
              {overview.sales.map((series) => (
                <BarChart
                  key={series.currency}
                  title={`${formatMoney(series.total, series.currency)} after refunds and disputes (${series.orders} ${series.orders === 1 ? "paid order" : "paid orders"}, before the platform fee)`}
                  points={series.points}
                  format={(v) => formatMoney(v, series.currency)}
                />
              ))}
            </div>
          ) : (
            <EmptyState title="No sales yet.">
              Your paid orders of the last {SALES_DAYS} days will be charted here.
            </EmptyState>
          )}
        </Card>
        <Card title="Recent orders">
          <SellerOrders orders={overview.recentOrders} caption="Your most recent orders" />
        </Card>
      </div>
    </div>
  );
}
