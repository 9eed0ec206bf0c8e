import { LoadingState } from "@/components/ui/route-states";

/*
 * In the (overview) route group, not in app/dashboard/: a loading boundary streams a 200 before the
 * pages under it render, so it must never wrap a page that can answer 404 (orders/[id], products/[id]).
 * The 403 for non-sellers comes from app/dashboard/layout.tsx, above every dashboard loading boundary.
 */
export default function Loading() {
  return <LoadingState label="Loading your dashboard…" />;
}
