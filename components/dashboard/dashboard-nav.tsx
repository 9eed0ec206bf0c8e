import { SectionNav } from "@/components/ui/section-nav";
import { pageUser } from "@/lib/auth";
import { sellerToShipCounts } from "@/lib/connect/seller-overview";

/** The dashboard's tabs; "To ship" carries the number of orders waiting (one small count query). */
export async function DashboardNav() {
  const seller = await pageUser("seller", "/dashboard");
  const { toShip } = await sellerToShipCounts(seller);
  const links = [
    { href: "/dashboard", label: "Overview" },
    { href: "/dashboard/products", label: "Products" },
    { href: "/dashboard/orders", label: toShip > 0 ? `To ship (${toShip})` : "To ship" },
    { href: "/dashboard/payments", label: "Payments" },
    { href: "/dashboard/payouts", label: "Payouts" },
    { href: "/dashboard/settings", label: "Settings" },
  ];
  return <SectionNav label="Seller dashboard" links={links} />;
}
