/*
 * PaymentIntents and SetupIntents as the fake Stripe.js handles them: which kind a client secret names,
 * reading and confirming one with the publishable key, and settling after a confirm — the 3-D Secure
 * challenge, a failure as { error }, the redirect to return_url. One code path for both kinds; the public
 * methods map the outcome to Stripe.js' `{ paymentIntent }` / `{ setupIntent }` results.
 * Part of the fake Stripe.js bundle.
 */
import type {
  PaymentIntent,
  PaymentIntentResult,
  SetupIntent,
  SetupIntentResult,
  StripeError,
} from "@stripe/stripe-js";
import { emuRequest } from "../common";
import { runThreeDSChallenge } from "./challenge";
import { integrationError } from "./payment-form";
import type { FormBody, SettleFlow, StripeContext } from "./types";

export type AnyIntent = PaymentIntent | SetupIntent;

/** What reading, confirming or settling an intent came to. */
export type IntentOutcome<T> = { intent: T; error?: undefined } | { intent?: undefined; error: StripeError };

/** Stripe.js' result shapes. */
export const asPaymentResult = (o: IntentOutcome<PaymentIntent>): PaymentIntentResult =>
  o.error ? { error: o.error } : { paymentIntent: o.intent };
export const asSetupResult = (o: IntentOutcome<SetupIntent>): SetupIntentResult =>
  o.error ? { error: o.error } : { setupIntent: o.intent };

export interface IntentKind<T extends AnyIntent> {
  /** The REST collection, also the fake's browser path: `/_emulator/browser/<path>/:id/authenticate`. */
  path: "payment_intents" | "setup_intents";
  /** The name Stripe.js gives it: the `return_url` query (`payment_intent`, `..._client_secret`), StripeError's field. */
  param: "payment_intent" | "setup_intent";
  /** "PaymentIntent" / "SetupIntent", for messages. */
  noun: string;
  /** Its ids' prefix. */
  prefix: "pi_" | "seti_";
  lastError(intent: T): object | null;
  /** Statuses after which a redirecting confirm navigates, and the `redirect_status` it reports. */
  terminal: Partial<Record<string, string>>;
}

export const PAYMENT: IntentKind<PaymentIntent> = {
  path: "payment_intents",
  param: "payment_intent",
  noun: "PaymentIntent",
  prefix: "pi_",
  lastError: (pi) => pi.last_payment_error,
  terminal: { succeeded: "succeeded", processing: "processing", requires_capture: "succeeded" },
};

export const SETUP: IntentKind<SetupIntent> = {
  path: "setup_intents",
  param: "setup_intent",
  noun: "SetupIntent",
  prefix: "seti_",
  lastError: (si) => si.last_setup_error,
  terminal: { succeeded: "succeeded", processing: "processing" },
};

/** `pi_123` / `seti_123` from `…_secret_abc`; anything else is an IntegrationError naming `where`. */
export function intentIdFromSecret(secret: unknown, where: string): string {
  const at = typeof secret === "string" ? secret.indexOf("_secret_") : -1;
  const id = typeof secret === "string" && at > 0 ? secret.slice(0, at) : "";
  if (
    !/^(pi|seti)_\w+$/.test(id) ||
    (typeof secret === "string" && secret.length <= at + "_secret_".length)
  ) {
    throw integrationError(
      `Invalid value for ${where}: clientSecret should be a client secret of the form \${id}_secret_\${secret}. You specified: ${
        typeof secret === "string" ? secret : typeof secret
      }.`,
    );
  }
  return id;
}

/** The kind of intent a (well-formed) client secret names. */
export function kindOfSecret(clientSecret: unknown, where: string): IntentKind<AnyIntent> {
  return intentIdFromSecret(clientSecret, where).startsWith("seti_") ? SETUP : PAYMENT;
}

/** The intent id of a client secret of `kind`; any other secret is an IntegrationError naming `where`. */
export function intentIdOf(kind: IntentKind<AnyIntent>, clientSecret: unknown, where: string): string {
  const id = intentIdFromSecret(clientSecret, where);
  if (!id.startsWith(kind.prefix))
    throw integrationError(
      `Invalid value for ${where}: clientSecret should be a ${kind.noun} client secret (${kind.prefix}…_secret_…). You specified: ${String(clientSecret)}.`,
    );
  return id;
}

export async function fetchIntent<T extends AnyIntent>(
  ctx: StripeContext,
  kind: IntentKind<T>,
  clientSecret: string,
  where: string,
): Promise<IntentOutcome<T>> {
  const id = intentIdOf(kind, clientSecret, where);
  const res = await emuRequest<T>(ctx.origin, "GET", `/v1/${kind.path}/${encodeURIComponent(id)}`, {
    headers: ctx.headers(),
    query: { client_secret: clientSecret },
  });
  return res.ok ? { intent: res.body } : { error: res.body.error };
}

export async function confirmWith<T extends AnyIntent>(
  ctx: StripeContext,
  kind: IntentKind<T>,
  clientSecret: string,
  body: FormBody,
  where: string,
): Promise<IntentOutcome<T>> {
  const id = intentIdOf(kind, clientSecret, where);
  const res = await emuRequest<T>(ctx.origin, "POST", `/v1/${kind.path}/${encodeURIComponent(id)}/confirm`, {
    headers: ctx.headers(),
    form: Object.assign({}, body, { client_secret: clientSecret }),
  });
  return res.ok ? { intent: res.body } : { error: res.body.error };
}

function returnUrlWith(
  kind: IntentKind<AnyIntent>,
  returnUrl: string | undefined,
  intent: AnyIntent,
  clientSecret: string,
  redirectStatus: string,
): string {
  const url = new URL(String(returnUrl), window.location.href);
  url.searchParams.set(kind.param, intent.id);
  url.searchParams.set(`${kind.param}_client_secret`, clientSecret);
  url.searchParams.set("redirect_status", redirectStatus);
  return url.toString();
}

/**
 * After a confirm: run the 3-D Secure challenge if asked, turn a failure (the intent back to
 * requires_payment_method with its last error) into { error }, and either redirect to return_url — the
 * promise then never settles, as with Stripe.js — or resolve { intent }.
 */
export async function settleIntent<T extends AnyIntent>(
  ctx: StripeContext,
  kind: IntentKind<T>,
  confirmed: T,
  clientSecret: string,
  flow: SettleFlow,
): Promise<IntentOutcome<T>> {
  let intent = confirmed;
  for (
    let round = 0;
    intent.status === "requires_action" && flow.handleActions !== false && round < 3;
    round++
  ) {
    const auth = await runThreeDSChallenge(ctx, kind, intent, clientSecret);
    if (auth.error) return { error: auth.error };
    intent = auth.intent;
  }
  const last = kind.lastError(intent);
  if (intent.status === "requires_payment_method" && last)
    return { error: Object.assign({ type: "card_error" as const }, last, { [kind.param]: intent }) };
  const terminal = kind.terminal[intent.status];
  if (flow.redirect === "always" && terminal) {
    window.location.assign(returnUrlWith(kind, flow.returnUrl, intent, clientSecret, terminal));
    return new Promise<never>(() => {});
  }
  return { intent };
}

/**
 * `stripe.handleNextAction` for either kind: the intent must be in requires_action (else { error } with
 * `<kind>_unexpected_state`, as Stripe.js reports it); the challenge then settles it without redirecting.
 */
export async function nextAction<T extends AnyIntent>(
  ctx: StripeContext,
  kind: IntentKind<T>,
  clientSecret: string,
  where: string,
): Promise<IntentOutcome<T>> {
  const read = await fetchIntent(ctx, kind, clientSecret, where);
  if (read.error) return read;
  if (read.intent.status !== "requires_action")
    return {
      error: {
        type: "invalid_request_error",
        code: `${kind.param}_unexpected_state`,
        message: `${where}: the ${kind.noun} has status "${read.intent.status}"; it has no next action to handle.`,
        [kind.param]: read.intent,
      },
    };
  return settleIntent(ctx, kind, read.intent, clientSecret, { redirect: "if_required" });
}
