/**
 * `/v1/accounts` and `/v1/account`: create, retrieve, update, list.
 * Accounts are created either with `type` (legacy) or `controller` properties; Express means the Stripe
 * dashboard type "express", whichever way it was asked for. Only the platform manages accounts: these
 * endpoints refuse a Stripe-Account header except to read or update that account itself.
 * Parameters are in account-params.ts; deletion and login links in controlled-accounts.ts.
 */
import type Stripe from "stripe";
import { invalidRequest, resourceMissing } from "../errors";
import { expand, paginate } from "../list";
import type { ApiContext, ApiResult, Router } from "../router";
import { LIST_PARAMS, parseParams, type Infer } from "../schema";
import { newId, PLATFORM_ACCOUNT } from "../state";
import { buildAccount, platformAccount, type AccountKind } from "./account-model";
import { applyUpdates, CREATE, UPDATABLE } from "./account-params";
import { refreshStatus, updateAccount } from "./account-requirements";

type ControllerParams = NonNullable<Infer<typeof CREATE>["controller"]>;
type Dashboard = "express" | "full" | "none";

/**
 * What an unset controller property becomes. Stripe documents `fees.payer=account`, `losses.payments=stripe`,
 * `requirement_collection=stripe` for the full dashboard; for Express and dashboard-less accounts the only
 * combination allowed at 2026-10-28 is the platform-paid, platform-liable one, so that is what is filled in.
 */
const CONTROLLER_DEFAULTS: Record<
  Dashboard,
  { payer: "account" | "application"; losses: "application" | "stripe" }
> = {
  full: { payer: "account", losses: "stripe" },
  express: { payer: "application", losses: "application" },
  none: { payer: "application", losses: "application" },
};

/**
 * The controller combinations Stripe refuses at API version 2026-10-28 (docs.stripe.com/api/accounts/create
 * `controller`, and the changelogs 2026-06-24.dahlia / 2026-11-18.endive "Create Express accounts with
 * Stripe pricing and negative balance liability", which lift the Express rules only in later versions):
 * - no Stripe dashboard ⇔ the platform collects requirements;
 * - Express dashboard → the platform pays Stripe's fees and carries payment losses;
 * - `losses.payments=application` requires `fees.payer=application`.
 */
function refuseUnsupportedController(
  dashboard: Dashboard,
  collection: string,
  payer: string,
  losses: string,
): void {
  const refuse = (message: string, param: string) => {
    throw invalidRequest(message, param);
  };
  if (dashboard === "none" && collection !== "application")
    refuse(
      "Accounts without access to a Stripe-hosted dashboard must have `controller[requirement_collection]` set to `application`.",
      "controller[requirement_collection]",
    );
  if (collection === "application" && dashboard !== "none")
    refuse(
      `\`controller[requirement_collection]\` can only be \`application\` for accounts without access to a Stripe-hosted dashboard (\`controller[stripe_dashboard][type]=none\`), not for \`${dashboard}\`.`,
      "controller[requirement_collection]",
    );
  if (dashboard === "express" && payer !== "application")
    refuse(
      "Accounts with access to the Express dashboard must have `controller[fees][payer]` set to `application`.",
      "controller[fees][payer]",
    );
  if (dashboard === "express" && losses !== "application")
    refuse(
      "Accounts with access to the Express dashboard must have `controller[losses][payments]` set to `application`.",
      "controller[losses][payments]",
    );
  if (losses === "application" && payer !== "application")
    refuse(
      "Setting `controller[losses][payments]` to `application` requires `controller[fees][payer]` to be `application`.",
      "controller[fees][payer]",
    );
}

/** Maps `controller` properties to the legacy `type` Stripe reports alongside them. */
function kindFromController(c: ControllerParams): {
  kind: AccountKind;
  type: string;
  controller: Stripe.Account.Controller;
} {
  const dashboard = c.stripe_dashboard?.type ?? "full";
  const collection = c.requirement_collection ?? "stripe";
  const payer = c.fees?.payer ?? CONTROLLER_DEFAULTS[dashboard].payer;
  const losses = c.losses?.payments ?? CONTROLLER_DEFAULTS[dashboard].losses;
  refuseUnsupportedController(dashboard, collection, payer, losses);
  const platformControlled =
    dashboard !== "full" ||
    payer === "application" ||
    losses === "application" ||
    collection === "application";
  const kind: AccountKind =
    dashboard === "express" ? "express" : dashboard === "none" ? "custom" : "standard";
  const reportedPayer =
    payer === "application"
      ? kind === "express"
        ? "application_express"
        : kind === "custom"
          ? "application_custom"
          : "application"
      : "account";
  return {
    kind,
    type: dashboard === "express" ? "express" : dashboard === "full" ? "standard" : "custom",
    controller: {
      type: platformControlled ? "application" : "account",
      is_controller: platformControlled,
      fees: { payer: reportedPayer },
      losses: { payments: losses },
      requirement_collection: collection,
      stripe_dashboard: { type: dashboard },
    },
  };
}

/** Account management is the platform's: a Stripe-Account-scoped call is refused. */
export function platformOnly(ctx: ApiContext): void {
  if (ctx.connected)
    throw invalidRequest(
      "This request can only be made by the platform: remove the Stripe-Account header.",
      undefined,
    );
}

function create(ctx: ApiContext): ApiResult {
  platformOnly(ctx);
  const p = parseParams(ctx.params, CREATE);
  if (p.type && p.controller)
    throw invalidRequest(
      "You cannot specify both `type` and `controller`; use `controller` properties instead.",
      "controller",
    );
  const resolved = p.controller
    ? kindFromController(p.controller)
    : { kind: p.type ?? "standard", type: p.type ?? "standard", controller: undefined };
  const id = newId("acct", 16);
  const account = buildAccount(ctx.em, id, resolved.kind, {
    email: p.email,
    country: p.country?.toUpperCase(),
    controller: resolved.controller,
    default_currency: p.default_currency?.toLowerCase(),
  });
  account.type = resolved.type;
  // Express and Custom accounts request card_payments + transfers by default in the dashboard flow;
  // through the API they get what they ask for, and Standard accounts get both.
  if (!p.capabilities && resolved.kind === "standard")
    account.capabilities = { card_payments: "inactive", transfers: "inactive" };
  applyUpdates(ctx, account, p);
  refreshStatus(ctx.em, account);
  ctx.em.store.accounts[id] = account;
  return { body: expand(ctx.em, account, p.expand) };
}

export function visibleAccount(ctx: ApiContext, id: string): Stripe.Account {
  const account = ctx.em.store.accounts[id];
  // A connected account can see itself; the platform sees all of its accounts.
  if (!account || (ctx.connected && id !== ctx.account)) throw resourceMissing("account", id, "account");
  return account;
}

function retrieve(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, {});
  const id = ctx.pathParams.id ?? ctx.account;
  if (id === PLATFORM_ACCOUNT) return { body: expand(ctx.em, platformAccount(ctx.em), p.expand) };
  return { body: expand(ctx.em, visibleAccount(ctx, id), p.expand) };
}

function update(ctx: ApiContext): ApiResult {
  const id = ctx.pathParams.id as string;
  const p = parseParams(ctx.params, UPDATABLE);
  visibleAccount(ctx, id);
  const account = updateAccount(ctx.em, id, (a) => applyUpdates(ctx, a, p));
  return { body: expand(ctx.em, account, p.expand) };
}

function list(ctx: ApiContext): ApiResult {
  platformOnly(ctx);
  const p = parseParams(ctx.params, LIST_PARAMS);
  const accounts = Object.values(ctx.em.store.accounts).filter((a) => a.id !== PLATFORM_ACCOUNT);
  return { body: paginate(accounts, "/v1/accounts", p) };
}

export function registerAccounts(router: Router): void {
  router
    .add("POST", "/v1/accounts", create)
    .add("GET", "/v1/accounts", list)
    .add("GET", "/v1/account", retrieve)
    .add("GET", "/v1/accounts/:id", retrieve)
    .add("POST", "/v1/accounts/:id", update);
}
