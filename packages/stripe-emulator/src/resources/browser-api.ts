/**
 * Endpoints for the fake Connect.js (see CONTRACT.md, "Browser paths"; the fake Stripe.js' 3-D Secure outcome
 * is in browser-authenticate.ts). They authenticate like the real script does — with an Account Session client
 * secret — and the Connect component calls enforce what the session enabled: a component not enabled, or a
 * feature turned off (e.g. `payments.features.refund_management`), is refused with 403.
 */
import type Stripe from "stripe";
import { ApiError, invalidRequest, resourceMissing } from "../errors";
import type { Params, ParamValue } from "../form";
import { json, str, type HttpContext, type HttpResult } from "../http";
import { paginate } from "../list";
import type { AccountSessionRecord } from "../state";
import { bankAccount, setExternalAccount } from "./account-model";
import { completeOnboarding, updateAccount, type OnboardingDetails } from "./account-requirements";
import { balanceOf, createPayout } from "./balance-payouts";
import { createRefund } from "./refunds";

function hash(params: Params, key: string): Params {
  const v: ParamValue | undefined = params[key];
  return typeof v === "object" && v !== null && !Array.isArray(v) ? v : {};
}

function int(params: Params, key: string): number | undefined {
  const v = params[key];
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : undefined;
  return n !== undefined && Number.isSafeInteger(n) ? n : undefined;
}

function session(ctx: HttpContext): AccountSessionRecord {
  const secret = str(ctx.params, "client_secret");
  const record = secret ? ctx.em.store.accountSessions[secret] : undefined;
  if (!record)
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "resource_missing",
      param: "client_secret",
      message: "No such account session: the client_secret is unknown.",
    });
  if (ctx.em.now() >= record.expires_at)
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "account_session_expired",
      message:
        "This account session has expired. Create a new Account Session and fetch its client_secret again.",
    });
  return record;
}

export type ComponentName = keyof Stripe.AccountSession.Components;

/**
 * Checks that `component` is enabled in the session, that this action belongs to that component, and that
 * the feature it needs (if any) is on. Returns the session's account.
 */
export function guard(
  ctx: HttpContext,
  allowed: ComponentName[],
  feature?: { name: string; when: (value: boolean | undefined) => boolean },
): string {
  const record = session(ctx);
  const name = str(ctx.params, "component") as ComponentName | undefined;
  const component = name ? record.components[name] : undefined;
  if (!name || !component?.enabled)
    throw new ApiError(403, {
      type: "invalid_request_error",
      code: "component_not_enabled",
      message: `The ${name ?? "(missing)"} component is not enabled in this account session.`,
    });
  if (!allowed.includes(name))
    throw new ApiError(403, {
      type: "invalid_request_error",
      code: "component_not_enabled",
      message: `The ${name} component cannot perform this action (needs one of: ${allowed.join(", ")}).`,
    });
  if (feature) {
    const features = component.features as unknown as Record<string, boolean | undefined>;
    if (!feature.when(features[feature.name]))
      throw new ApiError(403, {
        type: "invalid_request_error",
        code: "feature_not_enabled",
        message: `The ${feature.name} feature is not enabled for the ${name} component in this account session.`,
      });
  }
  return record.account;
}

function account(ctx: HttpContext, id: string): Stripe.Account {
  const acct = ctx.em.store.accounts[id];
  if (!acct) throw resourceMissing("account", id, "account");
  return acct;
}

export function claim(ctx: HttpContext): HttpResult {
  const record = session(ctx);
  return json({
    account: account(ctx, record.account),
    components: record.components,
    expires_at: record.expires_at,
  });
}

const ANY: ComponentName[] = [
  "account_onboarding",
  "account_management",
  "notification_banner",
  "payments",
  "payouts",
  "balances",
  "documents",
  "payment_details",
  "payouts_list",
];

export const connectAccount = (ctx: HttpContext): HttpResult => json(account(ctx, guard(ctx, ANY)));

/** The onboarding form's fields (business_profile, individual, external_account) as OnboardingDetails. */
export function onboardingDetails(params: Params): OnboardingDetails {
  const bp = hash(params, "business_profile");
  const ind = hash(params, "individual");
  const dob = hash(ind, "dob");
  const addr = hash(ind, "address");
  const ext = hash(params, "external_account");
  const day = int(dob, "day");
  const month = int(dob, "month");
  const year = int(dob, "year");
  return {
    business_profile: { name: str(bp, "name"), url: str(bp, "url"), mcc: str(bp, "mcc") },
    individual: {
      first_name: str(ind, "first_name"),
      last_name: str(ind, "last_name"),
      ...(day && month && year ? { dob: { day, month, year } } : {}),
      address: {
        city: str(addr, "city") ?? null,
        country: str(addr, "country") ?? null,
        line1: str(addr, "line1") ?? null,
        line2: str(addr, "line2") ?? null,
        postal_code: str(addr, "postal_code") ?? null,
        state: str(addr, "state") ?? null,
      },
    },
    ...(str(ext, "account_number")
      ? {
          external_account: {
            routing_number: str(ext, "routing_number") ?? "110000000",
            account_number: str(ext, "account_number") ?? "",
          },
        }
      : {}),
  };
}

/** Components whose UI runs the onboarding form (the banner and account management open it too). */
export const ONBOARDING_COMPONENTS: ComponentName[] = [
  "account_onboarding",
  "notification_banner",
  "account_management",
];

export function connectOnboarding(ctx: HttpContext): HttpResult {
  const id = guard(ctx, ONBOARDING_COMPONENTS);
  return json(completeOnboarding(ctx.em, id, onboardingDetails(ctx.params)));
}

export function connectUpdateAccount(ctx: HttpContext): HttpResult {
  const bp = hash(ctx.params, "business_profile");
  const ext = hash(ctx.params, "external_account");
  const wantsBank = Object.keys(ext).length > 0;
  const id = guard(
    ctx,
    ["account_management"],
    wantsBank ? { name: "external_account_collection", when: (v) => v !== false } : undefined,
  );
  const updated = updateAccount(ctx.em, id, (acct) => {
    const current = acct.business_profile as Stripe.Account.BusinessProfile;
    acct.business_profile = {
      ...current,
      name: str(bp, "name") ?? current.name,
      url: str(bp, "url") ?? current.url,
      support_email: str(bp, "support_email") ?? current.support_email,
      support_phone: str(bp, "support_phone") ?? current.support_phone,
    };
    if (str(ctx.params, "email")) acct.email = str(ctx.params, "email") ?? acct.email;
    if (wantsBank) {
      const number = str(ext, "account_number");
      if (!number || !/^\d{4,17}$/.test(number))
        throw invalidRequest("Invalid account number.", "external_account[account_number]");
      setExternalAccount(
        acct,
        bankAccount(
          acct.id,
          str(ext, "routing_number") ?? "110000000",
          number,
          acct.default_currency ?? "usd",
          acct.country ?? "US",
        ),
      );
    }
  });
  return json(updated);
}

export const connectBalance = (ctx: HttpContext): HttpResult =>
  json(balanceOf(ctx.em, guard(ctx, ["balances", "payouts"])));

export function connectPayouts(ctx: HttpContext): HttpResult {
  const id = guard(ctx, ["payouts", "payouts_list", "balances"]);
  const payouts = Object.values(ctx.em.store.payouts)
    .filter((r) => r.owner === id)
    .map((r) => r.obj);
  return json(paginate(payouts, "/v1/payouts", { limit: 100 }));
}

export function connectCreatePayout(ctx: HttpContext): HttpResult {
  const id = guard(ctx, ["payouts", "balances"], { name: "standard_payouts", when: (v) => v !== false });
  return json(createPayout(ctx.em, id, { amount: int(ctx.params, "amount") }));
}

export function connectPayoutSchedule(ctx: HttpContext): HttpResult {
  const id = guard(ctx, ["payouts", "balances"], { name: "edit_payout_schedule", when: (v) => v === true });
  const interval = str(ctx.params, "interval");
  if (interval !== "manual" && interval !== "daily" && interval !== "weekly" && interval !== "monthly")
    throw invalidRequest("Invalid interval: must be one of manual, daily, weekly, monthly", "interval");
  return json(
    updateAccount(ctx.em, id, (acct) => {
      const payouts = acct.settings?.payouts;
      if (acct.settings && payouts) {
        const schedule: Stripe.Account.Settings.Payouts.Schedule = {
          delay_days: payouts.schedule.delay_days,
          interval,
        };
        if (interval === "weekly") schedule.weekly_anchor = "monday";
        if (interval === "monthly") schedule.monthly_anchor = 1;
        acct.settings.payouts = { ...payouts, schedule };
      }
    }),
  );
}

export function connectCharges(ctx: HttpContext): HttpResult {
  const id = guard(ctx, ["payments", "payment_details", "disputes_list"]);
  const charges = Object.values(ctx.em.store.charges)
    .filter((r) => r.owner === id)
    .map((r) => r.obj);
  return json(paginate(charges, "/v1/charges", { limit: 100 }));
}

export function connectRefund(ctx: HttpContext): HttpResult {
  const id = guard(ctx, ["payments", "payment_details"], {
    name: "refund_management",
    when: (v) => v !== false,
  });
  const charge = str(ctx.params, "charge");
  if (!charge) throw invalidRequest("Missing required param: charge.", "charge", "parameter_missing");
  return json(
    createRefund(ctx.em, id, { charge, amount: int(ctx.params, "amount"), reason: "requested_by_customer" }),
  );
}
