import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { authorizeCron } from "./cron-auth";
import { runDueJobs, runJobNow } from "./run";
import type { JobTrigger } from "./types";

/** The ticker of `npm run dev` says so in this header; runs are then recorded as "dev". */
export const CRON_TRIGGER_HEADER = "x-cron-trigger";

/**
 * /api/cron (GET as Vercel Cron calls it, or POST): the bearer secret, then either every due job (the
 * scheduler's tick) or, with `?job=name`, that one job now.
 */
export async function handleCronRequest(req: Request): Promise<Response> {
  switch (authorizeCron(req.headers.get("authorization"), env.cronSecret)) {
    case "unconfigured":
      // Not an AppError kind: 503 says "this deployment cannot serve it", not "you may not".
      return Response.json(
        { error: { code: "unavailable:cron", message: "Scheduled work is not configured (CRON_SECRET)." } },
        { status: 503 },
      );
    case "unauthorized":
      throw new AppError("unauthorized:cron", "A valid Authorization: Bearer token is required.");
    case "ok":
      break;
  }
  const name = new URL(req.url).searchParams.get("job");
  if (name !== null) return Response.json({ ran: [await runJobNow({ name, trigger: "manual" })] });
  const trigger: JobTrigger = req.headers.get(CRON_TRIGGER_HEADER) === "dev" ? "dev" : "cron";
  return Response.json({ ran: await runDueJobs({ trigger }) });
}
