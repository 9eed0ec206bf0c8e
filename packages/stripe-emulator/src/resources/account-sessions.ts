/**
 * `/v1/account_sessions` (embedded Connect components) and `/v1/account_links` (hosted onboarding).
 * Account Sessions validate components and features against the SDK's list and refuse unknown names with
 * `param` set, as Stripe does; their client secret expires (30 min on the emulator clock). Feature
 * defaults and limits follow the AccountSessionCreateParams docs of API 2026-10-28 (see accountFeatures).
 * Account Links are one-time URLs that expire after 300 s; `account_update` links only exist for accounts
 * whose requirements the platform collects.
 */
import type Stripe from "stripe";
import { invalidRequest, missingParameter, unknownParameter } from "../errors";
import type { ParamValue } from "../form";
import type { ApiContext, ApiResult, Router } from "../router";
import { f, parseParams, sub } from "../schema";
import { newId } from "../state";
import { requireConnected } from "./account-model";

export const ACCOUNT_SESSION_TTL = 30 * 60;
export const ACCOUNT_LINK_TTL = 300;

const MANAGEMENT = { disable_stripe_user_authentication: false, external_account_collection: true };
const PAYOUTS = {
  ...MANAGEMENT,
  edit_payout_schedule: false,
  instant_payouts: false,
  standard_payouts: true,
};
const PAYMENTS = {
  capture_payments: true,
  destination_on_behalf_of_charge_management: false,
  dispute_management: true,
  refund_management: true,
  smart_disputes_management: false,
};
const ISSUING = {
  card_management: false,
  card_spend_dispute_management: false,
  cardholder_management: false,
  spend_control_management: false,
};

/**
 * Every component the SDK (API 2026-10-28) knows, with each feature's default when not given — before the
 * account-dependent defaults of accountFeatures (payouts features, derived features).
 */
export const COMPONENT_FEATURES: Record<string, Record<string, boolean>> = {
  account_management: MANAGEMENT,
  account_onboarding: MANAGEMENT,
  balance_report: {},
  balances: PAYOUTS,
  disputes_list: PAYMENTS,
  documents: {},
  financial_account: { ...MANAGEMENT, send_money: true, transfer_balance: true },
  financial_account_transactions: { card_spend_dispute_management: false },
  instant_payouts_promotion: { ...MANAGEMENT, instant_payouts: true },
  issuing_card: ISSUING,
  issuing_cards_list: { ...ISSUING, disable_stripe_user_authentication: false },
  notification_banner: MANAGEMENT,
  payment_details: PAYMENTS,
  payment_disputes: {
    destination_on_behalf_of_charge_management: false,
    dispute_management: true,
    refund_management: true,
    smart_disputes_management: false,
  },
  payment_method_settings: { disable_stripe_user_authentication: false },
  payments: PAYMENTS,
  payout_details: {},
  payout_reconciliation_report: {},
  payouts: PAYOUTS,
  payouts_list: {},
  reporting_chart: {},
  tax_registrations: {},
  tax_settings: {},
  terminal_hardware_orders: {},
  terminal_hardware_shop: {},
};

const BOOL = f.bool();

function isHash(v: ParamValue | undefined): v is { [key: string]: ParamValue } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Payout features that default to `true` only when Stripe carries the account's negative balances. */
const STRIPE_LIABLE_DEFAULTS = ["edit_payout_schedule", "standard_payouts", "instant_payouts"];
/** Features that only accounts whose requirements the platform collects may turn to these values. */
const PLATFORM_COLLECTED_ONLY: Record<string, boolean> = {
  external_account_collection: false,
  disable_stripe_user_authentication: true,
};

/**
 * One component's features as Stripe settles them (AccountSessionCreateParams, API 2026-10-28):
 * - `edit_payout_schedule`, `standard_payouts`, `instant_payouts` default to `true` when
 *   `controller.losses.payments` is `stripe`, else `false`;
 * - `disable_stripe_user_authentication` defaults to the opposite of `external_account_collection`,
 *   `smart_disputes_management` to `dispute_management`;
 * - `external_account_collection: false` and `disable_stripe_user_authentication: true` are refused unless
 *   `controller.requirement_collection` is `application` (e.g. on Express accounts, platform-liable or not).
 */
function accountFeatures(
  account: Stripe.Account,
  defaults: Record<string, boolean>,
  given: Record<string, boolean>,
  fparam: string,
): Record<string, boolean> {
  const stripeLiable = account.controller?.losses?.payments === "stripe";
  const out: Record<string, boolean> = { ...defaults };
  for (const feature of STRIPE_LIABLE_DEFAULTS) if (feature in out) out[feature] = stripeLiable;
  Object.assign(out, given);
  if ("disable_stripe_user_authentication" in out && "external_account_collection" in out)
    out.disable_stripe_user_authentication =
      given.disable_stripe_user_authentication ?? !out.external_account_collection;
  if ("smart_disputes_management" in out && "dispute_management" in out)
    out.smart_disputes_management = given.smart_disputes_management ?? out.dispute_management === true;
  if (account.controller?.requirement_collection !== "application") {
    for (const [feature, refused] of Object.entries(PLATFORM_COLLECTED_ONLY)) {
      if (given[feature] === refused)
        throw invalidRequest(
          `\`${feature}\` can only be \`${refused}\` for accounts where your platform is responsible for collecting updated information when requirements are due or change (\`controller.requirement_collection\` is \`application\`, like Custom accounts). ${account.id} has \`controller.requirement_collection\` \`${account.controller?.requirement_collection ?? "stripe"}\`.`,
          sub(fparam, feature),
        );
    }
  }
  return out;
}

/** Parses `components[...]` into the full response shape: every component, enabled or not, all features set. */
function parseComponents(
  raw: ParamValue | undefined,
  account: Stripe.Account,
): Stripe.AccountSession.Components {
  if (raw === undefined) throw missingParameter("components");
  if (!isHash(raw)) throw invalidRequest("Invalid hash: components must be an object", "components");
  if (Object.keys(raw).length === 0)
    throw invalidRequest("You must enable at least one component.", "components");
  const out: Record<string, { enabled: boolean; features: Record<string, boolean> }> = {};
  for (const [name, defaults] of Object.entries(COMPONENT_FEATURES))
    out[name] = { enabled: false, features: accountFeatures(account, defaults, {}, "") };
  for (const [name, value] of Object.entries(raw)) {
    const param = sub("components", name);
    const defaults = COMPONENT_FEATURES[name];
    if (!defaults) throw unknownParameter(param);
    if (!isHash(value)) throw invalidRequest(`Invalid hash: ${param} must be an object`, param);
    for (const key of Object.keys(value)) {
      if (key !== "enabled" && key !== "features") throw unknownParameter(sub(param, key));
    }
    if (value.enabled === undefined) throw missingParameter(sub(param, "enabled"));
    const enabled = BOOL.parse(value.enabled, sub(param, "enabled"));
    const fparam = sub(param, "features");
    const given: Record<string, boolean> = {};
    if (value.features !== undefined) {
      if (!isHash(value.features)) throw invalidRequest(`Invalid hash: ${fparam} must be an object`, fparam);
      for (const [feature, flag] of Object.entries(value.features)) {
        if (!(feature in defaults)) throw unknownParameter(sub(fparam, feature));
        given[feature] = BOOL.parse(flag, sub(fparam, feature));
      }
    }
    out[name] = { enabled, features: accountFeatures(account, defaults, given, fparam) };
  }
  // The table above mirrors AccountSession.Components field for field (generated from the SDK's types).
  return out as unknown as Stripe.AccountSession.Components;
}

function createSession(ctx: ApiContext): ApiResult {
  if (ctx.connected)
    throw invalidRequest("Account Sessions are created by the platform: remove the Stripe-Account header.");
  const { components: rawComponents, ...rest } = ctx.params;
  parseParams(rest, { account: f.string().req() });
  const accountId = rest.account as string;
  const components = parseComponents(rawComponents, requireConnected(ctx.em, accountId));
  const session: Stripe.AccountSession = {
    object: "account_session",
    account: accountId,
    client_secret: `accs_secret__${newId("x", 40).slice(2)}`,
    components,
    expires_at: ctx.em.now() + ACCOUNT_SESSION_TTL,
    livemode: false,
  };
  ctx.em.store.accountSessions[session.client_secret] = {
    client_secret: session.client_secret,
    account: accountId,
    components,
    created: ctx.em.now(),
    expires_at: session.expires_at,
  };
  return { body: session };
}

function createLink(ctx: ApiContext): ApiResult {
  if (ctx.connected)
    throw invalidRequest("Account Links are created by the platform: remove the Stripe-Account header.");
  const p = parseParams(ctx.params, {
    account: f.string().req(),
    type: f.enumOf("account_onboarding", "account_update").req(),
    refresh_url: f.string({ nonEmpty: true }).req(),
    return_url: f.string({ nonEmpty: true }).req(),
    collect: f.enumOf("currently_due", "eventually_due"),
    collection_options: f.obj({
      fields: f.enumOf("currently_due", "eventually_due"),
      future_requirements: f.enumOf("include", "omit"),
    }),
  });
  for (const key of ["refresh_url", "return_url"] as const) {
    if (!/^https?:\/\//.test(p[key])) throw invalidRequest(`Not a valid URL`, key, "url_invalid");
  }
  const account = requireConnected(ctx.em, p.account);
  if (p.type === "account_update" && account.controller?.requirement_collection !== "application")
    throw invalidRequest(
      "You cannot create `account_update` type Account Links for accounts where Stripe is responsible for collecting requirements. Use `account_onboarding` instead.",
      "type",
    );
  const token = newId("acctlink", 24);
  const created = ctx.em.now();
  ctx.em.store.accountLinks[token] = {
    token,
    account: p.account,
    type: p.type,
    refresh_url: p.refresh_url,
    return_url: p.return_url,
    created,
    expires_at: created + ACCOUNT_LINK_TTL,
    status: "new",
  };
  const link: Stripe.AccountLink = {
    object: "account_link",
    created,
    expires_at: created + ACCOUNT_LINK_TTL,
    url: `${ctx.em.baseUrl}/_emulator/hosted/onboarding/${token}`,
  };
  return { body: link };
}

export function registerAccountSessions(router: Router): void {
  router.add("POST", "/v1/account_sessions", createSession).add("POST", "/v1/account_links", createLink);
}
