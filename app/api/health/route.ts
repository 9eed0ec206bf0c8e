import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

/** Liveness for process managers and the e2e harness; says which mode is running, nothing secret. */
export function GET() {
  return Response.json({ ok: true, stripeMode: env.stripeMode, database: env.databaseDriver });
}
