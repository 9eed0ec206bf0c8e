/**
 * What Stripe allows only on accounts the platform controls: deleting them (Express and Custom) and
 * Express dashboard login links. Separate from the plain CRUD routes in accounts.ts.
 */
import type Stripe from "stripe";
import { invalidRequest } from "../errors";
import type { ApiContext, ApiResult, Router } from "../router";
import { parseParams } from "../schema";
import { newId } from "../state";
import { isExpress } from "./account-model";
import { platformOnly, visibleAccount } from "./accounts";

function remove(ctx: ApiContext): ApiResult {
  platformOnly(ctx);
  const id = ctx.pathParams.id as string;
  const account = visibleAccount(ctx, id);
  if (!account.controller?.is_controller)
    throw invalidRequest(
      "You can only delete accounts your platform controls (Express and Custom accounts).",
      "account",
    );
  delete ctx.em.store.accounts[id];
  return { body: { id, object: "account", deleted: true } };
}

/** Express dashboard login links: Stripe refuses them for other account kinds and before onboarding. */
function createLoginLink(ctx: ApiContext): ApiResult {
  platformOnly(ctx);
  parseParams(ctx.params, {});
  const id = ctx.pathParams.id as string;
  const account = visibleAccount(ctx, id);
  if (!isExpress(account))
    throw invalidRequest(
      "Cannot create a login link for an account that is not an Express account.",
      "account",
    );
  if (!account.details_submitted)
    throw invalidRequest(
      "Cannot create a login link for an account that has not completed onboarding.",
      "account",
    );
  const token = newId("ll", 24);
  ctx.em.store.loginLinks[token] = { account: id, created: ctx.em.now() };
  const link: Stripe.LoginLink = {
    object: "login_link",
    created: ctx.em.now(),
    url: `${ctx.em.baseUrl}/_emulator/hosted/express/${token}`,
  };
  return { body: link };
}

export function registerControlledAccounts(router: Router): void {
  router
    .add("DELETE", "/v1/accounts/:id", remove)
    .add("POST", "/v1/accounts/:id/login_links", createLoginLink);
}
