import type { Metadata } from "next";
import Link from "next/link";
import { ReleasedList, ToShipList } from "@/components/capture/to-ship-list";
import { Card } from "@/components/ui/card";
import { pageUser } from "@/lib/auth";
import { RELEASED_SHOWN_DAYS, SHIP_SOON_HOURS, sellerShipments } from "@/lib/connect/seller-overview";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "To ship" };

/** The seller's "charge when I ship" orders: what waits to ship (soonest deadline first), what was released. */
export default async function ToShipPage() {
  const user = await pageUser("seller", "/dashboard/orders");
  const now = new Date();
  const { toShip, released } = await sellerShipments(user, now);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">To ship</h1>
        <p className="text-sm text-slate-600">
          The buyer’s card is authorised, not charged: open an order to ship all or part of it (you are paid
          for what you ship) or to cancel it. Anything not shipped before its deadline is released, and the
          buyer is not charged. Products are set to charge when you ship on the{" "}
          <Link prefetch={false} href="/dashboard/products" className="text-brand-700 underline">
            Products
          </Link>{" "}
          page.
        </p>
      </div>
      <Card title={`Waiting to ship (${toShip.length})`}>
        <ToShipList orders={toShip} now={now} soonHours={SHIP_SOON_HOURS} />
      </Card>
      <Card title={`Released in the last ${RELEASED_SHOWN_DAYS} days`}>
        <ReleasedList orders={released} days={RELEASED_SHOWN_DAYS} />
      </Card>
    </div>
  );
}
