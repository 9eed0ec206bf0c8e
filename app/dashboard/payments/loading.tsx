import { LoadingState } from "@/components/ui/route-states";

/** Pages here cannot 404 (the seller check is in app/dashboard/layout.tsx, above this boundary). */
export default function Loading() {
  return <LoadingState label="Loading your payments…" />;
}
