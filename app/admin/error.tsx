"use client";

import { ErrorState, type RouteErrorProps } from "@/components/ui/route-states";

export default function AdminError({ error, reset }: RouteErrorProps) {
  return (
    <ErrorState
      error={error}
      reset={reset}
      title="This admin page could not be shown"
      detail="Something went wrong on our side. No action was taken; please try again."
      home={{ href: "/admin", label: "Admin overview" }}
    />
  );
}
