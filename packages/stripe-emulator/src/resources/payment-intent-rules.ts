/**
 * The rules a PaymentIntent's parameters must follow — accepted parameters, currency minimums, application
 * fee limits, customer ownership. Shared by create, update and confirm in payment-intents.ts; how a card is
 * named (test token, saved `pm_…` or raw browser fields) is in card-input.ts.
 */
import { invalidRequest, resourceMissing } from "../errors";
import { getOwned } from "../list";
import type { ApiContext } from "../router";
import { ADDRESS, f } from "../schema";
import { PLATFORM_ACCOUNT } from "../state";
import { platformAccount } from "./account-model";
import { OFF_SESSION, PAYMENT_METHOD_DATA } from "./card-input";
import { formatMoney, isZeroDecimal } from "../money";
import { convertMinor } from "./fx-rates";

/** Stripe's minimum charge amounts, in the currency's smallest unit. */
export const MINIMUM_AMOUNTS: Record<string, number> = {
  usd: 50,
  eur: 50,
  gbp: 30,
  cad: 50,
  aud: 50,
  nzd: 50,
  chf: 50,
  sgd: 50,
  jpy: 50,
  brl: 50,
  inr: 50,
  dkk: 250,
  nok: 300,
  sek: 300,
  pln: 200,
  czk: 1500,
  hkd: 400,
  mxn: 1000,
  ron: 200,
  huf: 17500,
  bgn: 100,
  aed: 200,
  thb: 1000,
  myr: 200,
};
const MAX_AMOUNT = 99999999;

const SHIPPING = f.obj({
  name: f.string().req(),
  address: ADDRESS.req(),
  phone: f.string(),
  carrier: f.string(),
  tracking_number: f.string(),
});
const PM_OPTIONS = f.obj({
  card: f.obj({
    request_three_d_secure: f.enumOf("any", "automatic", "challenge"),
    capture_method: f.enumOf("manual"),
    setup_future_usage: f.enumOf("none", "off_session", "on_session"),
  }),
});

const COMMON = {
  application_fee_amount: f.int({ min: 0 }),
  capture_method: f.enumOf("automatic", "automatic_async", "manual"),
  customer: f.string(),
  description: f.string({ maxLength: 1000 }),
  metadata: f.metadata(),
  payment_method: f.string(),
  payment_method_data: PAYMENT_METHOD_DATA,
  payment_method_options: PM_OPTIONS,
  payment_method_types: f.arr(f.string()),
  receipt_email: f.string(),
  setup_future_usage: f.enumOf("off_session", "on_session"),
  shipping: SHIPPING,
  statement_descriptor: f.string({ maxLength: 22 }),
  statement_descriptor_suffix: f.string({ maxLength: 22 }),
  transfer_group: f.string(),
};
export const CREATE = {
  ...COMMON,
  amount: f.int().req(),
  currency: f.string().req(),
  automatic_payment_methods: f.obj({ enabled: f.bool().req(), allow_redirects: f.enumOf("always", "never") }),
  confirm: f.bool(),
  confirmation_method: f.enumOf("automatic", "manual"),
  error_on_requires_action: f.bool(),
  off_session: OFF_SESSION,
  on_behalf_of: f.string(),
  return_url: f.string(),
  transfer_data: f.obj({ destination: f.string().req(), amount: f.int({ min: 1 }) }),
  use_stripe_sdk: f.bool(),
};
export const UPDATE = { ...COMMON, amount: f.int(), currency: f.string() };
export const CONFIRM = {
  capture_method: COMMON.capture_method,
  client_secret: f.string(),
  error_on_requires_action: f.bool(),
  expected_payment_method_type: f.string(),
  key: f.string(),
  off_session: OFF_SESSION,
  payment_method: f.string(),
  payment_method_data: PAYMENT_METHOD_DATA,
  payment_method_options: PM_OPTIONS,
  receipt_email: f.string(),
  return_url: f.string(),
  setup_future_usage: COMMON.setup_future_usage,
  shipping: SHIPPING,
  use_stripe_sdk: f.bool(),
};

function formatMinimum(amount: number, currency: string): string {
  return `${formatMoney(amount, currency)} ${currency}`;
}

/** How Stripe names a settlement minimum in "Amount must convert to at least 50 cents." */
function minimumInWords(minimum: number, currency: string): string {
  if (currency === "gbp") return `${minimum} pence`;
  if (currency === "aed") return `${minimum} fils`;
  if (!isZeroDecimal(currency) && minimum < 100) return `${minimum} cents`;
  return formatMoney(minimum, currency);
}

/**
 * The currency the charged account settles in: a direct charge (Stripe-Account) settles in the connected
 * account's default currency, anything else in the platform's.
 */
export function settlementCurrency(ctx: ApiContext): string {
  const account =
    ctx.account === PLATFORM_ACCOUNT ? platformAccount(ctx.em) : ctx.em.store.accounts[ctx.account];
  return (account?.default_currency ?? "usd").toLowerCase();
}

/**
 * Stripe's "Minimum and maximum charge amounts": the amount must also convert to at least the minimum of
 * the settlement currency (a US account charging AUD 0.50 is refused, AUD 0.50 ≈ USD 0.31), at the fixed
 * rates of fx-rates.ts.
 */
function checkSettlementMinimum(ctx: ApiContext, amount: number, currency: string): void {
  const settlement = settlementCurrency(ctx);
  const minimum = MINIMUM_AMOUNTS[settlement];
  const converted = convertMinor(amount, currency, settlement);
  if (minimum === undefined || converted === null || converted >= minimum) return;
  throw invalidRequest(
    `Amount must convert to at least ${minimumInWords(minimum, settlement)}. ${formatMoney(amount, currency)} converts to approximately ${formatMoney(converted, settlement)}.`,
    "amount",
    "amount_too_small",
  );
}

/** Amount, currency, fee and customer rules shared by create and update. */
export function checkMoney(
  ctx: ApiContext,
  amount: number,
  currency: string,
  fee: number | null,
  transfer: boolean,
): void {
  const minimum = MINIMUM_AMOUNTS[currency];
  if (minimum === undefined)
    throw invalidRequest(
      `Invalid currency: ${currency}. Stripe currently supports these currencies: ${Object.keys(MINIMUM_AMOUNTS).join(", ")}`,
      "currency",
    );
  if (amount < 0) throw invalidRequest("Invalid positive integer", "amount");
  if (amount < minimum)
    throw invalidRequest(
      `Amount must be at least ${formatMinimum(minimum, currency)}`,
      "amount",
      "amount_too_small",
    );
  checkSettlementMinimum(ctx, amount, currency);
  if (amount > MAX_AMOUNT)
    throw invalidRequest(
      `Amount must be no more than ${formatMinimum(MAX_AMOUNT, currency)}`,
      "amount",
      "amount_too_large",
    );
  if (fee === null) return;
  if (!ctx.connected && !transfer)
    throw invalidRequest(
      "Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).",
      "application_fee_amount",
    );
  if (fee > amount)
    throw invalidRequest(
      `The application fee amount (${fee}) cannot be greater than the amount (${amount}).`,
      "application_fee_amount",
    );
}

/**
 * A destination charge's `transfer_data[destination]`: only on the platform (not a direct charge), and to a
 * connected account that exists. `param` names the hash (`transfer_data`, or Checkout's
 * `payment_intent_data[transfer_data]`).
 */
export function checkDestination(
  ctx: ApiContext,
  destination: string | undefined,
  param = "transfer_data",
): void {
  if (destination === undefined) return;
  if (ctx.connected)
    throw invalidRequest(
      "transfer_data cannot be used on a direct charge (Stripe-Account header).",
      `${param}[destination]`,
    );
  if (!ctx.em.store.accounts[destination] || destination === PLATFORM_ACCOUNT)
    throw resourceMissing("account", destination, `${param}[destination]`, 400);
}

export function checkCustomer(ctx: ApiContext, id: string | undefined): void {
  if (id !== undefined && !getOwned(ctx.em.store.customers, id, ctx.account))
    throw resourceMissing("customer", id, "customer", 400);
}

/**
 * Stripe refuses a PaymentIntent on a connected account whose `card_payments` capability is not active
 * (never requested, or onboarding not done), when the intent is created.
 */
export function checkCardPayments(ctx: ApiContext): void {
  if (ctx.account === PLATFORM_ACCOUNT) return;
  const account = ctx.em.store.accounts[ctx.account];
  if (account && account.capabilities?.card_payments !== "active")
    throw invalidRequest(
      "You cannot create a charge on a connected account without the `card_payments` capability enabled.",
    );
}

type RedirectShape = {
  automatic_payment_methods: { enabled: boolean | null; allow_redirects?: string } | null;
  payment_method_types: string[];
};

/**
 * A server-side confirm (secret key: `confirm: true` on create, or /confirm) of an intent whose payment
 * methods may redirect needs `return_url`: automatic payment methods allow redirects unless
 * `allow_redirects: "never"`; explicit `payment_method_types` redirect unless they are only `card`.
 * Stripe.js confirms (publishable key) are not checked here.
 */
export function checkReturnUrl(
  ctx: ApiContext,
  pi: RedirectShape,
  returnUrl: string | undefined,
  noun: "Payment Intent" | "Setup Intent" = "Payment Intent",
): void {
  if (ctx.keyKind !== "secret" || returnUrl) return;
  const apm = pi.automatic_payment_methods;
  const mayRedirect = apm?.enabled
    ? apm.allow_redirects !== "never"
    : pi.payment_method_types.some((t) => t !== "card");
  if (mayRedirect)
    throw invalidRequest(
      `A \`return_url\` must be specified because this ${noun} is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set \`automatic_payment_methods[enabled]\` to \`true\` and \`automatic_payment_methods[allow_redirects]\` to \`never\` when creating Setup Intents and Payment Intents.`,
      "return_url",
    );
}
