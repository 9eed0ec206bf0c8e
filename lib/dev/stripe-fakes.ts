import "server-only";
import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { z } from "zod";
import { stripeErrorSummary } from "@/lib/stripe-errors";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { stripe } from "@/lib/stripe";

/*
 * The server side of the offline test page /dev/stripe-fakes (driven by e2e/stripe-fakes.spec.ts): it
 * creates the connected accounts, PaymentIntents and Account Sessions the page needs, through the real
 * `stripe` SDK against the emulator — the same calls the marketplace makes. Never with real keys.
 */

/** Only offline, against the emulator: with any real key (test keys too) the page and its API are 404. */
export function stripeFakesEnabled(config: { stripeMode: string; STRIPE_SECRET_KEY?: string } = env): boolean {
  const key = config.STRIPE_SECRET_KEY;
  return config.stripeMode === "offline" && (!key || key.startsWith("sk_test_emulator"));
}

function assertEnabled(): void {
  if (!stripeFakesEnabled()) throw new AppError("not_found:stripe_fakes", "Not found.");
}

const accountId = z.string().regex(/^acct_\w+$/, "must be a connected account id (acct_…)");

/** The request body of POST /dev/stripe-fakes/api. */
export const stripeFakesRequestSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("account"), onboarded: z.boolean().optional(), charge: z.boolean().optional() }),
  z.object({
    action: z.literal("payment_intent"),
    account: accountId,
    // Minor units (cents), within what Stripe accepts for USD.
    amount: z.int().min(50).max(99_999_999).optional(),
  }),
  z.object({ action: z.literal("account_session"), account: accountId, session: z.enum(["all", "limited", "expired"]).optional() }),
]);
export type StripeFakesRequest = z.infer<typeof stripeFakesRequestSchema>;

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

const FAILED = "The Stripe emulator could not do this. Details are in the server log.";

/** Stripe's and the emulator's own messages go to the log, never to the client. */
async function atStripe<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    console.error(`[dev stripe_fakes] ${what} failed`, stripeErrorSummary(error));
    throw new AppError("stripe:stripe_fakes", FAILED, { cause: error });
  }
}

/** The emulator's control API (no SDK equivalent: it plays the seller or the passage of time). */
async function control(path: string, body: unknown = {}): Promise<void> {
  await atStripe(`emulator control ${path}`, async () => {
    const res = await fetch(`${env.emulatorUrl}/_emulator${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`emulator control ${path}: ${res.status} ${await res.text()}`);
  });
}

/*
 * Idempotency keys: nothing here has a row of ours, so each request gets its own id (`requestId`,
 * random unless a caller passes one) and every POST's key derives from it or from the object it acts
 * on. A retry of the same request then replays instead of creating a second account or charge.
 */

export async function createFakeAccount(
  input: { onboarded?: boolean; charge?: boolean },
  requestId: string = randomUUID(),
): Promise<{ account: string }> {
  assertEnabled();
  const account = await atStripe("accounts.create", () =>
    stripe.accounts.create(
      {
        type: "express",
        country: "US",
        email: `seller-${requestId}@fakes.example`,
        capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
      },
      { idempotencyKey: `stripe-fakes:account:${requestId}` },
    ),
  );
  if (input.onboarded || input.charge) await control(`/accounts/${account.id}/onboard`);
  if (input.charge) {
    // One seeded charge per account, so the payments list has something to show and refund.
    await atStripe("paymentIntents.create (seed charge)", () =>
      stripe.paymentIntents.create(
        {
          amount: 4200,
          currency: "usd",
          payment_method: "pm_card_visa",
          confirm: true,
          automatic_payment_methods: { enabled: true, allow_redirects: "never" },
          description: "Fakes test order",
        },
        { stripeAccount: account.id, idempotencyKey: `stripe-fakes:seed-charge:${account.id}` },
      ),
    );
  }
  return { account: account.id };
}

/** A direct charge on `account` with a platform fee, as checkout makes (amount in cents). */
export async function createFakePaymentIntent(
  input: { account: string; amount?: number },
  requestId: string = randomUUID(),
): Promise<{ id: string; clientSecret: string | null }> {
  assertEnabled();
  const pi = await atStripe("paymentIntents.create", () =>
    stripe.paymentIntents.create(
      { amount: input.amount ?? 2500, currency: "usd", application_fee_amount: 155, automatic_payment_methods: { enabled: true } },
      { stripeAccount: input.account, idempotencyKey: `stripe-fakes:payment-intent:${input.account}:${requestId}` },
    ),
  );
  return { id: pi.id, clientSecret: pi.client_secret };
}

/** An Account Session with every component, payments only ("limited"), or one already expired. */
export async function createFakeAccountSession(
  input: { account: string; session?: "all" | "limited" | "expired" },
  requestId: string = randomUUID(),
): Promise<{ clientSecret: string }> {
  assertEnabled();
  const components = SESSION_COMPONENTS[input.session === "limited" ? "limited" : "all"];
  const session = await atStripe("accountSessions.create", () =>
    stripe.accountSessions.create(
      { account: input.account, components },
      { idempotencyKey: `stripe-fakes:account-session:${input.account}:${requestId}` },
    ),
  );
  if (input.session === "expired") {
    // Account Sessions live 30 minutes; move the emulator's clock past that.
    await control("/clock/advance", { seconds: 31 * 60 });
  }
  return { clientSecret: session.client_secret };
}

/** Runs one validated request of the test page. */
export async function runStripeFakesRequest(input: StripeFakesRequest, requestId?: string) {
  switch (input.action) {
    case "account":
      return createFakeAccount(input, requestId);
    case "payment_intent":
      return createFakePaymentIntent(input, requestId);
    case "account_session":
      return createFakeAccountSession(input, requestId);
  }
}
