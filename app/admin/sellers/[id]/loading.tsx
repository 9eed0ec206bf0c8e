import { LoadingState } from "@/components/ui/route-states";

/** Below ./layout.tsx, which answers 404 for an unknown seller before this boundary streams. */
export default function Loading() {
  return <LoadingState label="Loading the seller…" />;
}
