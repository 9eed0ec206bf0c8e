import { SectionNav } from "@/components/ui/section-nav";

const LINKS = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/sellers", label: "Sellers" },
  { href: "/admin/orders", label: "Orders" },
  { href: "/admin/disputes", label: "Disputes" },
  { href: "/admin/events", label: "Events" },
  { href: "/admin/jobs", label: "Jobs" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/stripe-app", label: "Stripe App" },
] as const;

export function AdminNav() {
  return <SectionNav label="Admin" links={LINKS} />;
}
