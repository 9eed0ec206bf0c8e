import type { Metadata } from "next";
import { SellerOrders } from "@/components/dashboard/seller-orders";
import { Card } from "@/components/ui/card";
import { pageUser } from "@/lib/auth";
import { sellerPayments } from "@/lib/connect/seller-overview";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Payments" };

/*
 * Our own list (not Stripe's embedded payments list): it names each order's product and opens the
 * order's page, and shows what the seller keeps after refunds, disputes and the platform fee.
 */
export default async function PaymentsPage() {
  const user = await pageUser("seller", "/dashboard/payments");
  const payments = await sellerPayments(user);
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
    </div>
  );
}
