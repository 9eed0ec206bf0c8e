import { LoadingState } from "@/components/ui/route-states";

/** Below ./layout.tsx, which answers 404 for a product that is not this seller's before this streams. */
export default function Loading() {
  return <LoadingState label="Loading the product…" />;
}
