import { LoadingState } from "@/components/ui/route-states";

/*
 * In a route group so it wraps only this list: above ../[id]/layout.tsx a loading boundary would stream
 * a 200 before that layout could answer 404 for another seller's order.
 */
export default function Loading() {
  return <LoadingState label="Loading your orders to ship…" />;
}
