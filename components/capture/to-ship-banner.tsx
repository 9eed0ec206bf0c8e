import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import type { ToShipCounts } from "@/db/queries/seller-authorizations";

/** The overview's notice: orders waiting to ship (sooner deadlines first) and authorisations the platform released. */
export function ToShipBanner({ counts, days }: { counts: ToShipCounts; days: number }) {
  const { toShip, dueSoon, releasedByPlatform } = counts;
  if (toShip === 0 && releasedByPlatform === 0) return null;
  const orders = (n: number) => `${n} ${n === 1 ? "order" : "orders"}`;
  return (
    <Alert tone={dueSoon > 0 || releasedByPlatform > 0 ? "warning" : "info"}>
      {toShip > 0 ? (
        <>
          {orders(toShip)} {toShip === 1 ? "waits" : "wait"} for you to ship
          {dueSoon > 0 ? `, ${dueSoon} within a day` : ""}: the buyers are charged only when you ship.{" "}
        </>
      ) : null}
      {releasedByPlatform > 0 ? (
        <>
          {orders(releasedByPlatform)} {releasedByPlatform === 1 ? "was" : "were"} not shipped in time in the
          last {days} days: the authorisation was released and the buyer was not charged.{" "}
        </>
      ) : null}
      <Link prefetch={false} href="/dashboard/orders" className="font-medium underline">
        See orders to ship
      </Link>
      .
    </Alert>
  );
}
