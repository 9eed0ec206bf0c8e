import type { Metadata } from "next";
import { ExpressAccountGate } from "@/components/dashboard/account-gate";
import { EmbeddedPayments } from "@/components/connect/embedded";
import { pageUser } from "@/lib/auth";
import { getSellerAccount } from "@/lib/connect/accounts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Payments" };

export default async function PaymentsPage() {
  const user = await pageUser("seller", "/dashboard/payments");
  const account = await getSellerAccount(user);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Payments</h1>
        <p className="text-sm text-slate-600">
          Every payment from your buyers. Refunds and disputes are handled by the platform&apos;s support team
          on your behalf: contact support if a buyer needs a refund.
        </p>
      </div>
      <ExpressAccountGate account={account} what="payments">
        <EmbeddedPayments />
      </ExpressAccountGate>
    </div>
  );
}
