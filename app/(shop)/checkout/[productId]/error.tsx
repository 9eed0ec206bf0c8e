"use client";

import { ErrorState, type RouteErrorProps } from "@/components/ui/route-states";

export default function CheckoutError({ error, reset }: RouteErrorProps) {
  return (
    <ErrorState
      error={error}
      reset={reset}
      title="Checkout could not be shown"
      detail="Something went wrong while preparing checkout. You have not been charged; please try again."
      home={{ href: "/shop", label: "Back to the shop" }}
    />
  );
}
