import type Stripe from "stripe";
import { env } from "@/lib/env";
import { stripe } from "@/lib/stripe";
import { stripeFakesPageEnabled } from "../enabled";

/**
 * Server-side helper for /dev/stripe-fakes (offline only): creates the connected accounts,
 * PaymentIntents and Account Sessions the test page needs, through the real `stripe` SDK against the
 * emulator — the same calls the marketplace makes.
 *
 * POST JSON:
 * - { action: "account", onboarded?: boolean, charge?: boolean } → { account }
 * - { action: "payment_intent", account, amount? } → { id, clientSecret } (a direct charge on `account`)
 * - { action: "account_session", account, session: "all" | "limited" | "expired" } → { clientSecret }
 */
export const dynamic = "force-dynamic";

type Body = {
  action?: string;
  account?: string;
  amount?: number;
  onboarded?: boolean;
  charge?: boolean;
  session?: string;
};

const SESSION_COMPONENTS: Record<string, Stripe.AccountSessionCreateParams.Components> = {
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
};

/** The emulator's control API (no SDK equivalent: it plays the seller or the passage of time). */
async function control(path: string, body: unknown = {}): Promise<void> {
  const res = await fetch(`${env.emulatorUrl}/_emulator${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`emulator control ${path}: ${res.status} ${await res.text()}`);
}

async function createAccount(body: Body) {
  const account = await stripe.accounts.create({
    type: "express",
    country: "US",
    email: `seller-${Date.now()}@fakes.example`,
    capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
  });
  if (body.onboarded || body.charge) await control(`/accounts/${account.id}/onboard`);
  if (body.charge) {
    await stripe.paymentIntents.create(
      {
        amount: 4200,
        currency: "usd",
        payment_method: "pm_card_visa",
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
        description: "Fakes test order",
      },
      { stripeAccount: account.id },
    );
  }
  return { account: account.id };
}

async function createPaymentIntent(body: Body) {
  if (!body.account) throw new Error("account is required");
  const pi = await stripe.paymentIntents.create(
    {
      amount: body.amount ?? 2500,
      currency: "usd",
      application_fee_amount: 155,
      automatic_payment_methods: { enabled: true },
    },
    { stripeAccount: body.account },
  );
  return { id: pi.id, clientSecret: pi.client_secret };
}

async function createAccountSession(body: Body) {
  if (!body.account) throw new Error("account is required");
  const components = SESSION_COMPONENTS[body.session === "limited" ? "limited" : "all"]!;
  const session = await stripe.accountSessions.create({ account: body.account, components });
  if (body.session === "expired") {
    // Account Sessions live 30 minutes; move the emulator's clock past that.
    await control("/clock/advance", { seconds: 31 * 60 });
  }
  return { clientSecret: session.client_secret };
}

export async function POST(request: Request) {
  if (!stripeFakesPageEnabled()) return new Response("Not found", { status: 404 });
  let body: Body;
  try {
    body = (await request.json()) as Body;
  } catch {
    return Response.json({ error: "expected a JSON body" }, { status: 400 });
  }
  try {
    switch (body.action) {
      case "account":
        return Response.json(await createAccount(body));
      case "payment_intent":
        return Response.json(await createPaymentIntent(body));
      case "account_session":
        return Response.json(await createAccountSession(body));
      default:
        return Response.json({ error: `unknown action ${String(body.action)}` }, { status: 400 });
    }
  } catch (error) {
    return Response.json({ error: error instanceof Error ? error.message : String(error) }, { status: 400 });
  }
}

export function GET() {
  return new Response(stripeFakesPageEnabled() ? "POST only" : "Not found", {
    status: stripeFakesPageEnabled() ? 405 : 404,
  });
}
