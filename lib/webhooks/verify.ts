import "server-only";
import type Stripe from "stripe";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { stripe } from "@/lib/stripe";
import { isStripeErrorOf } from "@/lib/stripe-errors";

/** Stripe's default: a signature older than 5 minutes is refused, so a captured request cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * The endpoint secrets we accept. Stripe gives the platform endpoint and the Connect endpoint a secret
 * each (`stripe listen` uses one for both); an event is genuine if either verifies it.
 */
export function webhookSecrets(): string[] {
  return [env.stripeWebhookSecret, env.stripeConnectWebhookSecret].filter((s): s is string => Boolean(s));
}

function looksLikeEvent(value: unknown): value is Stripe.Event {
  const e = value as Partial<Stripe.Event> | null;
  return (
    typeof e === "object" &&
    e !== null &&
    typeof e.id === "string" &&
    typeof e.type === "string" &&
    typeof e.created === "number" &&
    typeof e.livemode === "boolean" &&
    typeof e.data?.object === "object" &&
    e.data.object !== null
  );
}

/**
 * Verifies `Stripe-Signature` over the exact raw body and returns the event. Refusals are 400s with a
 * code saying which check failed; nothing about the secrets is revealed.
 */
export function verifyWebhook(
  raw: string,
  header: string | null,
  secrets: string[] = webhookSecrets(),
): Stripe.Event {
  if (secrets.length === 0) {
    console.error(
      "[webhooks] no webhook secret configured: set STRIPE_WEBHOOK_SECRET (and STRIPE_CONNECT_WEBHOOK_SECRET)",
    );
    throw new AppError("internal:webhook_config", "Webhook verification is not configured.");
  }
  if (!header)
    throw new AppError("bad_request:webhook_signature_missing", "Missing Stripe-Signature header.");
  let timestampRefused = false;
  for (const secret of secrets) {
    let event: unknown;
    try {
      event = stripe.webhooks.constructEvent(raw, header, secret, SIGNATURE_TOLERANCE_SECONDS);
    } catch (error) {
      if (!isStripeErrorOf(error, "StripeSignatureVerificationError")) {
        // Signed by us-known secret but not JSON: cannot be a Stripe event.
        throw new AppError("bad_request:webhook_payload", "The webhook body is not a Stripe event.");
      }
      // stripe-node checks the signature first, then the age: this message means the secret matched.
      if (/timestamp outside the tolerance/i.test(error.message)) timestampRefused = true;
      continue;
    }
    if (!looksLikeEvent(event))
      throw new AppError("bad_request:webhook_payload", "The webhook body is not a Stripe event.");
    return event;
  }
  if (timestampRefused) {
    throw new AppError(
      "bad_request:webhook_timestamp",
      "The Stripe-Signature timestamp is outside the tolerance.",
    );
  }
  throw new AppError("bad_request:webhook_signature", "The Stripe-Signature header does not match the body.");
}
