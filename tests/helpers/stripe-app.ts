import { randomBytes } from "node:crypto";
import { insertDashboardUser } from "@/db/queries/stripe-app-users";
import type { User } from "@/db/schema";
import { env } from "@/lib/env";
import { signedPayload } from "@/stripe-app/src/contract";
import { testStripe } from "./emulator";

/*
 * Requests as the Stripe App's views send them (stripe-app/src/api.ts): the body is the signed payload
 * and Stripe-Signature is Stripe's signature of it, made here by the real `stripe` SDK with the app's
 * signing secret — the same scheme as Stripe's own `fetchStripeSignature`.
 */

let platform: string | undefined;

/** The platform's account id in the emulator (what Stripe signs as account_id on the platform's Dashboard). */
export async function platformAccountId(): Promise<string> {
  platform ??= (await testStripe().accounts.retrieveCurrent()).id;
  return platform;
}

/** A fresh Dashboard user id linked to `user`. */
export async function linkedDashboardUser(user: Pick<User, "id">): Promise<string> {
  const dashboardUserId = `usr_${randomBytes(8).toString("hex")}`;
  await insertDashboardUser({ dashboardUserId, userId: user.id });
  return dashboardUserId;
}

export interface AppRequestOptions {
  userId: string;
  accountId?: string;
  /** What the view passes to fetchStripeSignature (mode defaults to "test"). */
  payload: Record<string, unknown>;
  secret?: string;
  /** Seconds since the epoch the signature is dated (default now). */
  timestamp?: number;
  /** A body other than the signed one (a tampered request). */
  body?: string;
  signature?: string | null;
}

export async function appRequest(path: string, options: AppRequestOptions): Promise<Request> {
  const accountId = options.accountId ?? (await platformAccountId());
  const payload = signedPayload(options.userId, accountId, { mode: "test", ...options.payload });
  const signature =
    options.signature === undefined
      ? testStripe().webhooks.generateTestHeaderString({
          payload,
          secret: options.secret ?? env.stripeAppSigningSecret!,
          timestamp: options.timestamp,
        })
      : options.signature;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== null) headers["stripe-signature"] = signature;
  return new Request(`http://localhost${path}`, { method: "POST", headers, body: options.body ?? payload });
}

/** Calls a route handler and reads its JSON answer. */
export async function appCall(
  handler: (req: Request) => Promise<Response>,
  request: Request,
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const res = await handler(request);
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}
