import { SectionNav } from "@/components/ui/section-nav";

const LINKS = [
  { href: "/dashboard", label: "Overview" },
  { href: "/dashboard/products", label: "Products" },
  { href: "/dashboard/payments", label: "Payments" },
  { href: "/dashboard/payouts", label: "Payouts" },
  { href: "/dashboard/settings", label: "Settings" },
] as const;

export function DashboardNav() {
  return <SectionNav label="Seller dashboard" links={LINKS} />;
}
