import type { Metadata } from "next";
import { EmbeddedAccountManagement, EmbeddedDocuments } from "@/components/connect/embedded";
import { ExpressAccountGate } from "@/components/dashboard/account-gate";
import { DisconnectForm } from "@/components/dashboard/disconnect-form";
import { ExpressDashboardButton } from "@/components/dashboard/login-link-button";
import { Card } from "@/components/ui/card";
import { pageUser } from "@/lib/auth";
import { getSellerAccount } from "@/lib/connect/accounts";
import { disconnectAccountAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await pageUser("seller", "/dashboard/settings");
  const account = await getSellerAccount(user);
  const standard = account?.type === "standard" && !account.disconnectedAt;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Settings</h1>
        <p className="text-sm text-slate-600">
          Your business details, bank account and the documents Stripe issues you.
        </p>
      </div>
      {standard && account ? (
        <Card title="Connected Stripe account">
          <div className="space-y-3 text-sm text-slate-700">
            <p>
              Account <span className="font-mono">{account.stripeAccountId}</span> is connected to the
              platform. Manage its settings in your Stripe Dashboard.
            </p>
            <p>
              Disconnecting stops sales on the platform at once: your products leave the shop until you
              connect an account again.
            </p>
            <DisconnectForm disconnectAction={disconnectAccountAction} />
          </div>
        </Card>
      ) : (
        <ExpressAccountGate account={account} what="account settings">
          <div className="space-y-6">
            {account?.detailsSubmitted ? <ExpressDashboardButton /> : null}
            <EmbeddedAccountManagement />
            <EmbeddedDocuments />
          </div>
        </ExpressAccountGate>
      )}
    </div>
  );
}
