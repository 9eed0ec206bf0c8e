"use client";

import { ErrorState, type RouteErrorProps } from "@/components/ui/route-states";

export default function DashboardError({ error, reset }: RouteErrorProps) {
  return (
    <ErrorState
      error={error}
      reset={reset}
      title="Your dashboard could not be shown"
      detail="Something went wrong on our side. Your sales, balance and payouts are safe with Stripe; please try again."
      home={{ href: "/", label: "Go to the home page" }}
    />
  );
}
