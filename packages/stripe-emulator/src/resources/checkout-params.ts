/**
 * What `POST /v1/checkout/sessions` accepts and the rules its parameters follow (API 2026-10-28.endive:
 * `ui_mode` is `hosted_page` / `embedded_page` / `elements` / `form` since 2026-03-25.dahlia, and
 * `payment_method_types` was removed in 2026-09-30.endive in favour of `allowed_payment_method_types`).
 * Money rules are the PaymentIntent's (payment-intent-rules.ts), restated under Checkout's parameter names.
 * Parameters Stripe has but the emulator does not emulate are refused with `code: "emulator_unsupported"`
 * rather than silently ignored.
 */
import { ApiError, emulatorUnsupported, invalidRequest, missingParameter, resourceMissing } from "../errors";
import { LINE_ITEM, parseItem, unsupported, type ParsedItem } from "./checkout-line-items";
import type { ApiContext } from "../router";
import { f, type Field, type Infer } from "../schema";
import { checkCardPayments, checkCustomer, checkDestination, checkMoney } from "./payment-intent-rules";

const PAYMENT_INTENT_DATA = f.obj({
  application_fee_amount: f.int({ min: 0 }),
  capture_method: f.enumOf("automatic", "automatic_async", "manual"),
  description: f.string({ maxLength: 1000 }),
  metadata: f.metadata(),
  on_behalf_of: f.string(),
  receipt_email: f.string(),
  setup_future_usage: f.enumOf("off_session", "on_session"),
  shipping: unsupported("shipping details"),
  statement_descriptor: unsupported("`statement_descriptor` (card payments take a suffix only)"),
  statement_descriptor_suffix: f.string({ maxLength: 22 }),
  transfer_data: f.obj({ destination: f.string().req(), amount: f.int({ min: 1 }) }),
  transfer_group: f.string(),
});

/** Real Checkout parameters outside the emulated subset (discounts, tax, shipping, subscriptions, …). */
const NOT_EMULATED = [
  "adaptive_pricing",
  "after_expiration",
  "allow_promotion_codes",
  "automatic_tax",
  "branding_settings",
  "consent_collection",
  "custom_fields",
  "custom_text",
  "customer_account",
  "customer_update",
  "discounts",
  "invoice_creation",
  "managed_payments",
  "name_collection",
  "optional_items",
  "payment_method_collection",
  "payment_method_configuration",
  "payment_method_data",
  "payment_method_options",
  "permissions",
  "phone_number_collection",
  "saved_payment_method_options",
  "setup_intent_data",
  "shipping_address_collection",
  "shipping_options",
  "subscription_data",
  "tax_id_collection",
  "wallet_options",
] as const;

/** Removed at 2026-09-30.endive, as Stripe answers it on PaymentIntents of that version. */
const REMOVED_PAYMENT_METHOD_TYPES: Field<never, false> = {
  required: false,
  parse: (_value, param) => {
    throw invalidRequest(
      "The `payment_method_types` parameter is no longer supported for Checkout Sessions on this API version. Use `allowed_payment_method_types` (or dynamic payment methods) instead.",
      param,
      "payment_method_types_no_longer_supported",
    );
  },
};

export const CREATE = {
  ...(Object.fromEntries(NOT_EMULATED.map((k) => [k, unsupported(`\`${k}\``)])) as Record<
    (typeof NOT_EMULATED)[number],
    Field<never, false>
  >),
  mode: f.enumOf("payment", "setup", "subscription").req(),
  line_items: f.arr(LINE_ITEM),
  success_url: f.string(),
  cancel_url: f.string(),
  return_url: f.string(),
  redirect_on_completion: f.enumOf("always", "if_required", "never"),
  ui_mode: f.enumOf("hosted_page", "embedded_page", "elements", "form"),
  customer: f.string(),
  customer_email: f.string(),
  customer_creation: f.enumOf("always", "if_required"),
  client_reference_id: f.string({ maxLength: 200 }),
  currency: f.string(),
  metadata: f.metadata(),
  expires_at: f.int(),
  locale: f.string(),
  submit_type: f.enumOf("auto", "book", "donate", "pay"),
  billing_address_collection: f.enumOf("auto", "required"),
  allowed_payment_method_types: f.arr(f.string()),
  excluded_payment_method_types: f.arr(f.string()),
  payment_method_types: REMOVED_PAYMENT_METHOD_TYPES,
  payment_intent_data: PAYMENT_INTENT_DATA,
  integration_identifier: f.string(),
  origin_context: f.enumOf("mobile_app", "web"),
};
export type CreateParams = Infer<typeof CREATE>;

const MIN_LIFETIME = 30 * 60;
const MAX_LIFETIME = 24 * 60 * 60;

function checkUrl(value: string | undefined, param: string): void {
  if (value === undefined) return;
  let ok = false;
  try {
    ok = /^https?:$/.test(new URL(value.replaceAll("{CHECKOUT_SESSION_ID}", "x")).protocol);
  } catch {
    ok = false;
  }
  if (!ok) throw invalidRequest(`Not a valid URL`, param, "url_invalid");
}

/** `ui_mode` and the URLs that go with it: hosted pages redirect, embedded ones return. */
function checkUiMode(p: CreateParams): "hosted_page" | "embedded_page" {
  const mode = p.ui_mode ?? "hosted_page";
  if (mode === "elements" || mode === "form")
    throw emulatorUnsupported(`\`ui_mode: ${mode}\` (use hosted_page or embedded_page).`, "ui_mode");
  if (mode === "hosted_page") {
    if (p.return_url !== undefined)
      throw invalidRequest(
        "`return_url` can only be passed when `ui_mode` is `embedded_page` or `elements`.",
        "return_url",
      );
    if (p.redirect_on_completion !== undefined)
      throw invalidRequest(
        "`redirect_on_completion` can only be passed when `ui_mode` is `embedded_page`.",
        "redirect_on_completion",
      );
  } else {
    for (const key of ["success_url", "cancel_url"] as const)
      if (p[key] !== undefined)
        throw invalidRequest(`\`${key}\` is not allowed when \`ui_mode\` is \`embedded_page\`.`, key);
    if (p.return_url === undefined && p.redirect_on_completion !== "never")
      throw invalidRequest(
        "`return_url` is required when `ui_mode` is `embedded_page` unless `redirect_on_completion` is `never`.",
        "return_url",
        "parameter_missing",
      );
  }
  checkUrl(p.success_url, "success_url");
  checkUrl(p.cancel_url, "cancel_url");
  checkUrl(p.return_url, "return_url");
  return mode;
}

/** Re-raises a PaymentIntent money rule under Checkout's parameter names. */
function asCheckoutParam(err: unknown): never {
  if (!(err instanceof ApiError) || err.body.param === undefined) throw err;
  const param =
    err.body.param === "amount"
      ? "line_items"
      : err.body.param === "currency"
        ? "line_items[0][price_data][currency]"
        : `payment_intent_data[${err.body.param}]`;
  throw new ApiError(err.status, { ...err.body, param });
}

export type { ParsedItem };

export interface CheckedSession {
  uiMode: "hosted_page" | "embedded_page";
  items: ParsedItem[];
  currency: string;
  total: number;
  expiresAt: number;
}

/** Every rule of a new session, in Stripe's order; nothing is created when one fails. */
export function checkCreate(ctx: ApiContext, p: CreateParams): CheckedSession {
  if (p.mode !== "payment")
    throw emulatorUnsupported(
      `\`mode: ${p.mode}\` Checkout Sessions: only \`payment\` is emulated (no Prices, Subscriptions or SetupIntents through Checkout).`,
      "mode",
    );
  const uiMode = checkUiMode(p);
  const types = p.allowed_payment_method_types;
  const other = types?.findIndex((t) => t !== "card") ?? -1;
  if (other >= 0)
    throw emulatorUnsupported(
      `payment methods other than cards (\`${types?.[other]}\`).`,
      `allowed_payment_method_types[${other}]`,
    );
  if (!p.line_items || p.line_items.length === 0) throw missingParameter("line_items");
  let currency = p.currency?.toLowerCase();
  const items = p.line_items.map((item, i) => {
    const parsed = parseItem(item, i, currency);
    currency = parsed.currency;
    return parsed;
  });
  const sessionCurrency = currency as string;
  const total = items.reduce((sum, item) => sum + item.unit_amount * item.quantity, 0);
  const pid = p.payment_intent_data;
  checkDestination(ctx, pid?.transfer_data?.destination, "payment_intent_data[transfer_data]");
  try {
    checkMoney(ctx, total, sessionCurrency, pid?.application_fee_amount ?? null, !!pid?.transfer_data);
  } catch (err) {
    asCheckoutParam(err);
  }
  if (pid?.on_behalf_of !== undefined && !ctx.em.store.accounts[pid.on_behalf_of])
    throw resourceMissing("account", pid.on_behalf_of, "payment_intent_data[on_behalf_of]", 400);
  if (p.customer !== undefined && p.customer_email !== undefined)
    throw invalidRequest(
      "You may only specify one of these parameters: customer, customer_email.",
      "customer_email",
    );
  checkCustomer(ctx, p.customer);
  if (p.customer !== undefined && p.customer_creation !== undefined)
    throw invalidRequest(
      "`customer_creation` can only be used when `customer` is not set.",
      "customer_creation",
    );
  if (p.customer_creation === "always")
    throw emulatorUnsupported(
      "`customer_creation: always` (Checkout creates no Customers).",
      "customer_creation",
    );
  const now = ctx.em.now();
  const expiresAt = p.expires_at ?? now + MAX_LIFETIME;
  if (expiresAt < now + MIN_LIFETIME)
    throw invalidRequest(
      "The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.",
      "expires_at",
    );
  if (expiresAt > now + MAX_LIFETIME)
    throw invalidRequest(
      "The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.",
      "expires_at",
    );
  checkCardPayments(ctx);
  return { uiMode, items, currency: sessionCurrency, total, expiresAt };
}
