import type { Metadata } from "next";
import { ExpressAccountGate } from "@/components/dashboard/account-gate";
import { EmbeddedPayouts } from "@/components/connect/embedded";
import { pageUser } from "@/lib/auth";
import { getSellerAccount } from "@/lib/connect/accounts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Payouts" };

export default async function PayoutsPage() {
  const user = await pageUser("seller", "/dashboard/payouts");
  const account = await getSellerAccount(user);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Payouts</h1>
        <p className="text-sm text-slate-600">
          Your balance, your payout schedule and the money sent to your bank account.
        </p>
      </div>
      <ExpressAccountGate account={account} what="payouts">
        <EmbeddedPayouts />
      </ExpressAccountGate>
    </div>
  );
}
