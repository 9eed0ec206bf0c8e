/**
 * What a new PaymentIntent and a new SetupIntent share, built from the same create parameters: the choice
 * between automatic payment methods and payment_method_types (only one may be given; with neither, since
 * API 2023-08-16, automatic payment methods are enabled), the client secret, and the plain fields.
 */
import type Stripe from "stripe";
import { invalidRequest } from "../errors";
import type { ApiContext } from "../router";
import { mergeMetadata } from "../schema";
import { newId } from "../state";
import { CONNECT_APPLICATION } from "./charges";

interface IntentCreateParams {
  automatic_payment_methods?: { enabled: boolean; allow_redirects?: "always" | "never" };
  payment_method_types?: string[];
  customer?: string;
  description?: string;
  metadata?: Record<string, string> | null;
  on_behalf_of?: string;
}

/** automatic_payment_methods as the intent will hold it; refuses it beside payment_method_types. */
export function automaticMethods(p: IntentCreateParams): Stripe.PaymentIntent.AutomaticPaymentMethods | null {
  if (p.automatic_payment_methods && p.payment_method_types)
    throw invalidRequest(
      "You may only specify one of these parameters: automatic_payment_methods, payment_method_types.",
      "automatic_payment_methods",
    );
  const apm = p.automatic_payment_methods ?? (p.payment_method_types ? undefined : { enabled: true });
  return apm
    ? { enabled: apm.enabled, ...(apm.allow_redirects ? { allow_redirects: apm.allow_redirects } : {}) }
    : null;
}

/** The fields both kinds of intent start with, under a new id with `prefix`. */
export function newIntentFields(ctx: ApiContext, prefix: "pi" | "seti", p: IntentCreateParams) {
  const id = newId(prefix);
  return {
    id,
    application: ctx.connected ? CONNECT_APPLICATION : null,
    automatic_payment_methods: automaticMethods(p),
    cancellation_reason: null,
    client_secret: `${id}_secret_${newId("x", 25).slice(2)}`,
    created: ctx.em.now(),
    customer: p.customer ?? null,
    customer_account: null,
    description: p.description ?? null,
    excluded_payment_method_types: null,
    livemode: false as const,
    metadata: mergeMetadata({}, p.metadata),
    next_action: null,
    on_behalf_of: p.on_behalf_of ?? null,
    payment_method: null,
    payment_method_configuration_details: null,
  };
}
