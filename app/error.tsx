"use client";

import { ErrorState, type RouteErrorProps } from "@/components/ui/route-states";

export default function RootError({ error, reset }: RouteErrorProps) {
  return (
    <ErrorState
      error={error}
      reset={reset}
      title="Something went wrong"
      detail="Something went wrong on our side. Please try again."
      home={{ href: "/", label: "Go to the home page" }}
    />
  );
}
