import { LoadingState } from "@/components/ui/route-states";

/*
 * In the (overview) route group, not in app/admin/: a loading boundary streams a 200 before the pages
 * under it render, so it must never wrap a page that can answer 404 (admin/orders/[id]). The 403 for
 * non-admins comes from app/admin/layout.tsx, above every admin loading boundary.
 */
export default function Loading() {
  return <LoadingState label="Loading the admin overview…" />;
}
