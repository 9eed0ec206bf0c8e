/**
 * `POST /_emulator/harness/api`: the server side of the fakes harness page (`/_emulator/harness/`). It
 * creates what the page needs — a connected account (optionally onboarded, with one succeeded charge),
 * a direct-charge PaymentIntent, an Account Session — through the emulator's own REST surface with the
 * real `stripe` SDK (the same calls the marketplace makes), so every object and event is the ordinary kind.
 *
 * The endpoint takes no key (the page is anonymous), so it only ever acts on accounts the harness itself
 * created: a `payment_intent` or `account_session` naming any other account — a seller's, the platform,
 * an id that does not exist — is refused with 404 `harness_account_unknown` and creates nothing. Harness
 * accounts are remembered in memory per store (so `/_emulator/reset` and a restart forget them) and are
 * labelled `metadata.emulator_harness = "true"`; both must hold.
 *
 * Body (JSON only, no query string; unknown fields are refused):
 * - `{ action: "account", onboarded?: boolean, charge?: boolean }` → `{ account }`
 * - `{ action: "payment_intent", account, amount?: integer 50…99999999, captureMethod?: "automatic" | "manual" }`
 *   → `{ id, clientSecret }` (no captureMethod: the PaymentIntent gets Stripe's default)
 * - `{ action: "account_session", account, session?: "all" | "limited" | "expired" }` → `{ clientSecret }`
 * Errors: `{ error: { type, code?, param?, message } }`, 400 for bad input.
 */
import Stripe from "stripe";
import { sdkOptionsFor } from "../defaults";
import type { Emulator } from "../emulator";
import { parseHarnessRequest, type HarnessRequest } from "./request";
import { ApiError, invalidRequest } from "../errors";
import { header, json, type HttpContext, type HttpResult } from "../http";
import { completeOnboarding } from "../resources/account-requirements";
import type { StoreData } from "../state";

export const HARNESS_METADATA_KEY = "emulator_harness";

/** Accounts the harness created, per store object: a reset (new store) or a restart forgets them. */
const harnessAccounts = new WeakMap<StoreData, Set<string>>();

function remembered(em: Emulator): Set<string> {
  let set = harnessAccounts.get(em.store);
  if (!set) {
    set = new Set();
    harnessAccounts.set(em.store, set);
  }
  return set;
}

/** Whether `id` is an account this harness created (and it still exists, labelled as such). */
export function isHarnessAccount(em: Emulator, id: string): boolean {
  const account = em.store.accounts[id];
  return (
    remembered(em).has(id) && account !== undefined && account.metadata?.[HARNESS_METADATA_KEY] === "true"
  );
}

// ---------------------------------------------------------------------------------------------------
// Input

// ---------------------------------------------------------------------------------------------------
// Actions

const SESSION_COMPONENTS = {
  all: {
    account_onboarding: { enabled: true },
    payouts: { enabled: true, features: { edit_payout_schedule: true, standard_payouts: true } },
    payments: { enabled: true, features: { refund_management: true } },
    balances: { enabled: true },
    account_management: { enabled: true },
    notification_banner: { enabled: true },
    documents: { enabled: true },
  },
  // Payments without refunds, and nothing else: the other components must refuse to render.
  limited: { payments: { enabled: true, features: { refund_management: false } } },
} as const satisfies Record<string, Stripe.AccountSessionCreateParams.Components>;

/** The real SDK on this very emulator, as the platform (no retries: a failure is reported, not repeated). */
function platformSdk(em: Emulator): Stripe {
  return new Stripe(em.options.secretKey, { ...sdkOptionsFor(em.baseUrl), maxNetworkRetries: 0 });
}

function notHarnessAccount(id: string): ApiError {
  // The same answer whether the account exists or not: the harness reveals nothing about other accounts.
  return new ApiError(404, {
    type: "invalid_request_error",
    code: "harness_account_unknown",
    param: "account",
    message: `No such harness account: '${id}'. The harness only acts on accounts it created itself (action "account").`,
  });
}

async function atStripe<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new ApiError(502, { type: "api_error", message: `The harness could not ${what}: ${message}` });
  }
}

async function createAccount(
  em: Emulator,
  input: { onboarded: boolean; charge: boolean },
): Promise<{ account: string }> {
  const stripe = platformSdk(em);
  const account = await atStripe("create the account", () =>
    stripe.accounts.create({
      type: "express",
      country: "US",
      email: `harness-seller-${Date.now().toString(36)}@fakes.example`,
      capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
      metadata: { [HARNESS_METADATA_KEY]: "true" },
    }),
  );
  remembered(em).add(account.id);
  if (input.onboarded || input.charge) completeOnboarding(em, account.id);
  if (input.charge) {
    // One seeded charge, so the payments list has something to show and refund.
    await atStripe("create the seed charge", () =>
      stripe.paymentIntents.create(
        {
          amount: 4200,
          currency: "usd",
          payment_method: "pm_card_visa",
          confirm: true,
          automatic_payment_methods: { enabled: true, allow_redirects: "never" },
          description: "Fakes test order",
        },
        { stripeAccount: account.id },
      ),
    );
  }
  return { account: account.id };
}

/** A direct charge on a harness account with a platform fee, as checkout makes. */
async function createPaymentIntent(
  em: Emulator,
  input: { account: string; amount: number; captureMethod?: "automatic" | "manual" },
): Promise<{ id: string; clientSecret: string | null }> {
  if (!isHarnessAccount(em, input.account)) throw notHarnessAccount(input.account);
  const pi = await atStripe("create the PaymentIntent", () =>
    platformSdk(em).paymentIntents.create(
      {
        amount: input.amount,
        currency: "usd",
        application_fee_amount: 155,
        automatic_payment_methods: { enabled: true },
        ...(input.captureMethod ? { capture_method: input.captureMethod } : {}),
      },
      { stripeAccount: input.account },
    ),
  );
  return { id: pi.id, clientSecret: pi.client_secret };
}

/**
 * An Account Session for a harness account with every component, payments only ("limited"), or one
 * that is already expired — made so by ending that one session now, not by moving the emulator's clock.
 */
async function createAccountSession(
  em: Emulator,
  input: { account: string; session: "all" | "limited" | "expired" },
): Promise<{ clientSecret: string }> {
  if (!isHarnessAccount(em, input.account)) throw notHarnessAccount(input.account);
  const components = SESSION_COMPONENTS[input.session === "limited" ? "limited" : "all"];
  const session = await atStripe("create the Account Session", () =>
    platformSdk(em).accountSessions.create({ account: input.account, components }),
  );
  if (input.session === "expired") {
    const record = em.store.accountSessions[session.client_secret];
    if (!record)
      throw new ApiError(500, { type: "api_error", message: "The new Account Session is missing." });
    record.expires_at = em.now();
  }
  return { clientSecret: session.client_secret };
}

export function runHarnessRequest(em: Emulator, input: HarnessRequest): Promise<unknown> {
  switch (input.action) {
    case "account":
      return createAccount(em, input);
    case "payment_intent":
      return createPaymentIntent(em, input);
    case "account_session":
      return createAccountSession(em, input);
  }
}

// ---------------------------------------------------------------------------------------------------
// HTTP

/** The page's own origin, under either loopback name (it may be opened as localhost or 127.0.0.1). */
function ownOrigins(em: Emulator): string[] {
  const u = new URL(em.baseUrl);
  return [u.origin, `${u.protocol}//localhost:${u.port}`];
}

export async function harnessApi(ctx: HttpContext): Promise<HttpResult> {
  // JSON only: a cross-site page cannot send it without a CORS preflight, which the emulator never grants
  // here. And the page itself is the only origin allowed to call.
  const origin = header(ctx, "origin");
  if (origin !== undefined && !ownOrigins(ctx.em).includes(origin))
    throw new ApiError(403, {
      type: "invalid_request_error",
      code: "origin_not_allowed",
      message: `The harness API only answers its own page, not ${origin}.`,
    });
  if (!header(ctx, "content-type")?.toLowerCase().includes("application/json"))
    throw invalidRequest("The harness API takes a JSON body (Content-Type: application/json).");
  if (ctx.url.search !== "")
    throw invalidRequest("The harness API takes its parameters in the JSON body, not the query string.");
  const input = parseHarnessRequest(ctx.params);
  return json(await runHarnessRequest(ctx.em, input));
}
