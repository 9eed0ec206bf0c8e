import { LoadingState } from "@/components/ui/route-states";

/** A leaf page that cannot 404 (the admin check is in app/admin/layout.tsx, above this boundary). */
export default function Loading() {
  return <LoadingState label="Loading the Stripe App settings…" />;
}
