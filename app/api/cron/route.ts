import { methodNotAllowed, route } from "@/lib/http";
import { handleCronRequest } from "@/lib/jobs/cron";

export const dynamic = "force-dynamic";
// A tick may run a reconciliation for minutes: as long as the platform allows (Vercel caps it per plan).
export const maxDuration = 300;

/** Scheduled work: Vercel Cron (GET) and the tickers of `npm run dev` / `npm start`. See lib/jobs/. */
export const GET = route("cron", (req) => handleCronRequest(req));
export const POST = GET;

const notAllowed = methodNotAllowed(["GET", "POST"]);
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
export const OPTIONS = notAllowed;
