"use client";

import { ErrorState, type RouteErrorProps } from "@/components/ui/route-states";

export default function ShopError({ error, reset }: RouteErrorProps) {
  return (
    <ErrorState
      error={error}
      reset={reset}
      title="This page could not be shown"
      detail="Something went wrong on our side. Please try again."
      home={{ href: "/shop", label: "Back to the shop" }}
    />
  );
}
