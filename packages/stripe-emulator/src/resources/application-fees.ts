/**
 * Application fees: the platform's cut of each direct charge. Listed and refunded by the platform only.
 * Refunding a fee (directly, or through `refund_application_fee` on a refund) moves the money back from the
 * platform's balance to the connected account's and emits `application_fee.refunded`.
 */
import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { invalidRequest, resourceMissing } from "../errors";
import { expand, ownedBy, paginate, requireOwned } from "../list";
import type { ApiContext, ApiResult, Router } from "../router";
import { f, LIST_PARAMS, mergeMetadata, parseParams } from "../schema";
import { newId, PLATFORM_ACCOUNT } from "../state";
import { addBalanceTransaction } from "./balance-payouts";

export function refundApplicationFee(
  em: Emulator,
  fee: Stripe.ApplicationFee,
  amount: number,
  metadata: Record<string, string> | null | undefined,
): Stripe.FeeRefund {
  const left = fee.amount - fee.amount_refunded;
  if (left <= 0)
    throw invalidRequest(
      `Application fee ${fee.id} has already been refunded.`,
      "id",
      "charge_already_refunded",
    );
  if (amount > left)
    throw invalidRequest(
      `Refund amount (${amount}) is greater than the unrefunded amount on the application fee (${left}).`,
      "amount",
      "amount_too_large",
    );
  const id = newId("fr");
  const platformTxn = addBalanceTransaction(em, PLATFORM_ACCOUNT, {
    amount: -amount,
    currency: fee.currency,
    type: "application_fee_refund",
    source: id,
    reporting_category: "platform_earning_refund",
    description: `Application fee refund for ${fee.id}`,
  });
  const account = typeof fee.account === "string" ? fee.account : fee.account.id;
  addBalanceTransaction(em, account, {
    amount,
    currency: fee.currency,
    type: "application_fee_refund",
    source: id,
    reporting_category: "platform_earning_refund",
    description: `Application fee refund from the platform`,
  });
  const refund: Stripe.FeeRefund = {
    id,
    object: "fee_refund",
    amount,
    balance_transaction: platformTxn.id,
    created: em.now(),
    currency: fee.currency,
    fee: fee.id,
    metadata: mergeMetadata({}, metadata),
  };
  const before = { amount_refunded: fee.amount_refunded, refunded: fee.refunded };
  fee.amount_refunded += amount;
  fee.refunded = fee.amount_refunded === fee.amount;
  fee.refunds.data.unshift(refund);
  em.emit("application_fee.refunded", fee, { previous: before });
  return refund;
}

function platformOnly(ctx: ApiContext): void {
  // Fees belong to the platform: with a Stripe-Account header they simply do not exist.
  if (ctx.account !== PLATFORM_ACCOUNT)
    throw resourceMissing("application_fee", ctx.pathParams.id ?? "", "id");
}

function findFee(ctx: ApiContext): Stripe.ApplicationFee {
  platformOnly(ctx);
  return requireOwned(
    ctx.em.store.applicationFees,
    ctx.pathParams.id as string,
    PLATFORM_ACCOUNT,
    "application fee",
  );
}

function list(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, { ...LIST_PARAMS, charge: f.string() });
  if (ctx.account !== PLATFORM_ACCOUNT) return { body: paginate([], "/v1/application_fees", p) };
  const fees = ownedBy(ctx.em.store.applicationFees, PLATFORM_ACCOUNT).filter(
    (fee) => !p.charge || fee.charge === p.charge,
  );
  return { body: expand(ctx.em, paginate(fees, "/v1/application_fees", p), p.expand) };
}

function createRefund(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, { amount: f.int({ min: 1 }), metadata: f.metadata() });
  const fee = findFee(ctx);
  return {
    body: refundApplicationFee(ctx.em, fee, p.amount ?? fee.amount - fee.amount_refunded, p.metadata),
  };
}

export function registerApplicationFees(router: Router): void {
  router
    .add("GET", "/v1/application_fees", list)
    .add("GET", "/v1/application_fees/:id", (ctx) => {
      const p = parseParams(ctx.params, {});
      return { body: expand(ctx.em, findFee(ctx), p.expand) };
    })
    .add("POST", "/v1/application_fees/:id/refunds", createRefund)
    // The SDK's createRefund posts to /refund (singular) in some versions; both are Stripe paths.
    .add("POST", "/v1/application_fees/:id/refund", createRefund)
    .add("GET", "/v1/application_fees/:id/refunds", (ctx) => {
      const p = parseParams(ctx.params, LIST_PARAMS);
      const fee = findFee(ctx);
      return { body: paginate(fee.refunds.data, `/v1/application_fees/${fee.id}/refunds`, p) };
    })
    .add("GET", "/v1/application_fees/:fee/refunds/:id", (ctx) => {
      parseParams(ctx.params, {});
      platformOnly(ctx);
      const fee = requireOwned(
        ctx.em.store.applicationFees,
        ctx.pathParams.fee as string,
        PLATFORM_ACCOUNT,
        "application fee",
      );
      const refund = fee.refunds.data.find((r) => r.id === ctx.pathParams.id);
      if (!refund) throw resourceMissing("fee refund", ctx.pathParams.id as string, "id");
      return { body: refund };
    });
}
