import type { Metadata } from "next";
import { SellerDisputes } from "@/components/dashboard/seller-disputes";
import { SellerOrders } from "@/components/dashboard/seller-orders";
import { Card } from "@/components/ui/card";
import { pageUser } from "@/lib/auth";
import { sellerPayments } from "@/lib/connect/seller-overview";
import { DISPUTE_FEE_POLICY } from "@/lib/disputes/money";
import { sellerDisputes } from "@/lib/disputes/views";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Payments" };

/*
 * Our own list (not Stripe's embedded payments list): it names each order's product and opens the
 * order's page, and shows what the seller keeps after refunds, disputes and the platform fee.
 */
export default async function PaymentsPage() {
  const user = await pageUser("seller", "/dashboard/payments");
  const [payments, disputes] = await Promise.all([sellerPayments(user), sellerDisputes(user)]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Payments</h1>
        <p className="text-sm text-slate-600">
          Every paid order from your buyers, with what you receive after refunds, disputes and the platform
          fee. Refunds and disputes are handled by the platform&apos;s support team on your behalf: contact
          support if a buyer needs a refund.
        </p>
      </div>
      <Card>
        <SellerOrders orders={payments} caption="Your payments" />
      </Card>
      {disputes.length > 0 ? (
        <section aria-labelledby="disputes-heading" className="space-y-3">
          <h2 id="disputes-heading" className="text-lg font-semibold">
            Disputes
          </h2>
          <p className="text-sm text-slate-600">
            The platform answers disputes on your behalf; open an order to add notes or files.{" "}
            {DISPUTE_FEE_POLICY}
          </p>
          <Card>
            <SellerDisputes disputes={disputes} now={new Date()} />
          </Card>
        </section>
      ) : null}
    </div>
  );
}
