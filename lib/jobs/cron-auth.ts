import { createHash, timingSafeEqual } from "node:crypto";

/*
 * Who may tick /api/cron: whoever sends `Authorization: Bearer <CRON_SECRET>` (Vercel Cron does, with the
 * project's CRON_SECRET; so do the tickers of `npm run dev` and `npm start`). Pure, so the decision is
 * unit-tested without a server.
 */

export type CronAuthorization = "ok" | "unauthorized" | "unconfigured";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

export function authorizeCron(header: string | null, secret: string | undefined): CronAuthorization {
  if (!secret) return "unconfigured";
  const match = /^Bearer (.+)$/.exec(header?.trim() ?? "");
  if (!match?.[1]) return "unauthorized";
  // Compared as digests of equal length: neither the length nor a prefix of the secret leaks through timing.
  return timingSafeEqual(digest(match[1]), digest(secret)) ? "ok" : "unauthorized";
}
