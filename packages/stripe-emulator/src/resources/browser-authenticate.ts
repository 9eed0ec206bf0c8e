/**
 * `POST /_emulator/browser/{payment_intents|setup_intents}/:id/authenticate` — the outcome of the fake
 * Stripe.js' 3-D Secure challenge (`{ client_secret, outcome: "complete" | "fail" }`, with the Stripe-Account
 * header of the Stripe.js instance). Authenticated like Stripe.js: by the intent's client secret, in the
 * account the header names (none: the platform).
 */
import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { invalidRequest, resourceMissing } from "../errors";
import { header, json, str, type HttpContext, type HttpResult } from "../http";
import { PLATFORM_ACCOUNT, type Owned } from "../state";
import { authenticateIntent } from "./payment-flow";
import { authenticateSetup } from "./setup-flow";

type Authenticate<T> = (em: Emulator, owner: string, intent: T, outcome: "complete" | "fail") => T;

function authenticateWith<T extends { client_secret: string | null }>(
  ctx: HttpContext,
  table: Record<string, Owned<T>>,
  kind: "payment_intent" | "setup_intent",
  apply: Authenticate<T>,
): HttpResult {
  const id = ctx.pathParams.id ?? "";
  const owner = header(ctx, "stripe-account")?.trim() || PLATFORM_ACCOUNT;
  const rec = table[id];
  if (!rec || rec.owner !== owner || rec.obj.client_secret !== str(ctx.params, "client_secret"))
    throw resourceMissing(kind, id, "intent");
  const outcome = str(ctx.params, "outcome");
  if (outcome !== "complete" && outcome !== "fail")
    throw invalidRequest("outcome must be `complete` or `fail`.", "outcome");
  return json(apply(ctx.em, owner, rec.obj, outcome));
}

export const authenticatePayment = (ctx: HttpContext): HttpResult =>
  authenticateWith<Stripe.PaymentIntent>(
    ctx,
    ctx.em.store.paymentIntents,
    "payment_intent",
    authenticateIntent,
  );

export const authenticateSetupIntent = (ctx: HttpContext): HttpResult =>
  authenticateWith<Stripe.SetupIntent>(ctx, ctx.em.store.setupIntents, "setup_intent", authenticateSetup);
