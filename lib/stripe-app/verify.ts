import "server-only";
import { findUserByDashboardUser } from "@/db/queries/stripe-app-users";
import { env } from "@/lib/env";
import type { z } from "zod";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import { requireRole, type Admin } from "@/lib/guards";
import { readBodyText } from "@/lib/http";
import { stripe } from "@/lib/stripe";
import { signedPayload, type DashboardMode } from "@/stripe-app/src/contract";

/*
 * Every request from the Stripe App's views (stripe-app/src/api.ts) is checked here before anything is
 * read or done, as Stripe documents for an app's backend:
 * 1. the `Stripe-Signature` header is Stripe's signature, with the app's signing secret, of the JSON
 *    `{ user_id, account_id, ...payload }` — which is the request body, so every field is covered — and
 *    is at most five minutes old;
 * 2. the Dashboard is in the mode this backend serves (its Stripe key's), and the account is this platform;
 * 3. the Dashboard user is linked (/admin/stripe-app) to a marketplace user who is still an admin.
 */

/** Stripe's own tolerance for signed payloads: older signatures are refused as replays. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
const MAX_BODY_BYTES = 16 * 1024;

export interface AppRequest {
  admin: Admin;
  dashboardUserId: string;
  /** The body's fields besides user_id, account_id and mode, for the route's schema to parse. */
  fields: Record<string, unknown>;
  /** The header as sent: a refund uses it once (lib/stripe-app/refund.ts). */
  signature: string;
}

/** The mode this backend serves: a live key's data is live, anything else (test keys, emulator) test. */
export function backendMode(): DashboardMode {
  return env.stripeLivemode ? "live" : "test";
}

/** A valid signature from a Dashboard user who is not linked to an admin: the view says where to link. */
export class UnlinkedDashboardUserError extends AppError {
  constructor(readonly dashboardUserId: string) {
    super(
      "forbidden:stripe_app_user",
      `The Stripe Dashboard user ${dashboardUserId} is not linked to a marketplace admin. An admin links it on the marketplace's Stripe App page (/admin/stripe-app).`,
    );
  }

  override toJSON() {
    return { error: { ...super.toJSON().error, dashboardUserId: this.dashboardUserId } };
  }
}

let platformAccount: Promise<string> | null = null;

/** The platform's own account id (GET /v1/account), asked once per process. */
function platformAccountId(): Promise<string> {
  platformAccount ??= stripe.accounts.retrieveCurrent().then(
    (account) => account.id,
    (error: unknown) => {
      platformAccount = null;
      throw new AppError(
        "unavailable:stripe_app",
        "Stripe could not be reached to check the account. Try again.",
        {
          cause: error,
        },
      );
    },
  );
  return platformAccount;
}

const invalidSignature = () =>
  new AppError(
    "unauthorized:stripe_app_signature",
    "This request's signature is not valid or is older than five minutes. Reload the app in the Stripe Dashboard.",
  );

function parseBody(text: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("bad_request:malformed_json", "The request body is not valid JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new AppError("bad_request:stripe_app", "The request body must be a JSON object.");
  return body as Record<string, unknown>;
}

/** Checks 1–3 above; throws an AppError (401, 403, 409, 503) for anything else. Reads the body once. */
export async function verifyAppRequest(req: Request): Promise<AppRequest> {
  const secret = env.stripeAppSigningSecret;
  if (!secret)
    throw new AppError(
      "unavailable:stripe_app",
      "The Stripe App is not set up on this marketplace: set STRIPE_APP_SIGNING_SECRET to the app's signing secret.",
    );
  const signature = req.headers.get("stripe-signature");
  if (!signature) throw invalidSignature();
  if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json"))
    throw new AppError("unsupported_media_type:body", "Send the request body as application/json.");
  const { user_id, account_id, ...payload } = parseBody(await readBodyText(req, MAX_BODY_BYTES));
  if (typeof user_id !== "string" || typeof account_id !== "string") throw invalidSignature();
  try {
    // What Stripe signed, rebuilt from the body in the order the view sent it: any change breaks it.
    if (!stripe.webhooks.signature) throw new Error("the stripe SDK has no signature helper");
    stripe.webhooks.signature.verifyHeader(
      signedPayload(user_id, account_id, payload),
      signature,
      secret,
      SIGNATURE_TOLERANCE_SECONDS,
    );
  } catch {
    throw invalidSignature();
  }
  const { mode, ...fields } = payload;
  if (mode !== backendMode())
    throw new AppError(
      "conflict:stripe_app_mode",
      `This marketplace runs on Stripe's ${backendMode()} mode data. Switch the Dashboard to ${backendMode()} mode to use the app.`,
    );
  if (account_id !== (await platformAccountId()))
    throw new AppError(
      "forbidden:stripe_app_account",
      "This Stripe account is not the marketplace's platform account: the app only works on the platform's Dashboard.",
    );
  const user = await findUserByDashboardUser({ dashboardUserId: user_id });
  if (user?.role !== "admin") throw new UnlinkedDashboardUserError(user_id);
  return { admin: requireRole(user, "admin", "stripe_app"), dashboardUserId: user_id, fields, signature };
}

/** A verified request's fields against the route's schema: unknown or wrong fields are a 422. */
export function parseAppFields<S extends z.ZodType>(schema: S, fields: Record<string, unknown>): z.infer<S> {
  const parsed = schema.safeParse(fields);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new AppError(
    "unprocessable:stripe_app",
    first ? `Invalid ${first.path.join(".") || "request"}: ${first.message}` : "Invalid request.",
    { fieldErrors: fieldErrorsOf(parsed.error, "body") },
  );
}
