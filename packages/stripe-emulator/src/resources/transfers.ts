/**
 * `/v1/transfers` (platform key only): separate charges and transfers, with Stripe's rules
 * (docs.stripe.com/connect/separate-charges-and-transfers, api/transfers):
 * - the destination is a connected account whose `transfers` capability is active, else 400
 *   `insufficient_capabilities_for_transfer`;
 * - without `source_transaction` the platform's available balance must cover the amount, else 400
 *   `balance_insufficient`;
 * - with `source_transaction` (a succeeded, captured platform charge, not fully refunded) the transfer is made
 *   whatever the balance, in the charge's currency, and "the sum of the transfers doesn't exceed the source
 *   charge" (what was reversed of a transfer no longer counts); it takes the charge's `transfer_group`.
 * Refunding the source charge reverses nothing: the platform reverses transfers itself (transfer-reversals.ts).
 */
import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { ApiError, docUrl, invalidRequest, resourceMissing } from "../errors";
import { expand, getOwned, ownedBy, paginate, requireOwned } from "../list";
import { formatMoney } from "../money";
import type { ApiContext, ApiResult, Router } from "../router";
import { f, LIST_PARAMS, mergeMetadata, parseParams } from "../schema";
import { PLATFORM_ACCOUNT } from "../state";
import { platformOnly } from "./accounts";
import { balanceTotals } from "./balance-payouts";
import { MINIMUM_AMOUNTS } from "./payment-intent-rules";
import { bookTransfer, chargeTransferGroup, transfersFrom } from "./transfer-model";

const CREATE = {
  amount: f.int({ min: 1 }).req(),
  currency: f.string({ nonEmpty: true }).req(),
  destination: f.string({ nonEmpty: true }).req(),
  source_transaction: f.string({ nonEmpty: true }),
  source_type: f.enumOf("bank_account", "card", "fpx"),
  transfer_group: f.string(),
  description: f.string({ maxLength: 5000 }),
  metadata: f.metadata(),
};

/** A connected account that can receive transfers. */
function destinationAccount(em: Emulator, id: string): Stripe.Account {
  const account = id === PLATFORM_ACCOUNT ? undefined : em.store.accounts[id];
  if (!account) throw resourceMissing("destination", id, "destination", 400);
  if (account.capabilities?.transfers !== "active")
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "insufficient_capabilities_for_transfer",
      message:
        "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
      doc_url: docUrl("insufficient_capabilities_for_transfer"),
    });
  return account;
}

/** The platform charge named by `source_transaction`, once it may fund `amount` more in `currency`. */
function sourceCharge(em: Emulator, id: string, amount: number, currency: string): Stripe.Charge {
  const charge = getOwned(em.store.charges, id, PLATFORM_ACCOUNT);
  if (!charge) throw resourceMissing("charge", id, "source_transaction", 400);
  if (charge.status !== "succeeded" || !charge.captured)
    throw invalidRequest(
      `The source_transaction ${id} has not succeeded and been captured: only the funds of a captured charge can be transferred.`,
      "source_transaction",
    );
  if (charge.refunded)
    throw invalidRequest(
      `The source_transaction ${id} has been fully refunded: it has no funds left to transfer.`,
      "source_transaction",
    );
  if (charge.currency !== currency)
    throw invalidRequest(
      `The currency of the transfer (${currency}) must match the currency of the source_transaction ${id} (${charge.currency}).`,
      "currency",
    );
  const used = transfersFrom(em, id).reduce((sum, t) => sum + t.amount - t.amount_reversed, 0);
  const left = charge.amount_captured - used;
  if (amount > left)
    throw invalidRequest(
      `The transfer amount (${formatMoney(amount, currency)}) exceeds what is left to transfer from the source_transaction ${id} (${formatMoney(left, currency)}): the transfers from one charge cannot add up to more than the charge.`,
      "amount",
    );
  return charge;
}

function insufficientFunds(): ApiError {
  return new ApiError(400, {
    type: "invalid_request_error",
    code: "balance_insufficient",
    message:
      "You have insufficient funds in your Stripe account for this transfer. Your card balance is too low.  You can use the /v1/balance endpoint to view your Stripe balance (for more details, see stripe.com/docs/api#balance).",
    doc_url: docUrl("balance_insufficient"),
  });
}

function create(ctx: ApiContext): ApiResult {
  platformOnly(ctx);
  const p = parseParams(ctx.params, CREATE);
  const currency = p.currency.toLowerCase();
  if (MINIMUM_AMOUNTS[currency] === undefined)
    throw invalidRequest(
      `Invalid currency: ${currency}. Stripe currently supports these currencies: ${Object.keys(MINIMUM_AMOUNTS).join(", ")}`,
      "currency",
    );
  const destination = destinationAccount(ctx.em, p.destination);
  const source =
    p.source_transaction === undefined
      ? null
      : sourceCharge(ctx.em, p.source_transaction, p.amount, currency);
  if (!source && balanceTotals(ctx.em, PLATFORM_ACCOUNT, currency).available < p.amount)
    throw insufficientFunds();
  const transfer = bookTransfer(ctx.em, {
    amount: p.amount,
    currency,
    destination: destination.id,
    sourceCharge: source,
    transferGroup: source ? chargeTransferGroup(source, p.transfer_group) : (p.transfer_group ?? null),
    description: p.description ?? null,
    metadata: p.metadata,
    ...(p.source_type ? { sourceType: p.source_type } : {}),
  });
  return { body: expand(ctx.em, transfer, p.expand) };
}

function find(ctx: ApiContext): Stripe.Transfer {
  return requireOwned(ctx.em.store.transfers, ctx.pathParams.id as string, ctx.account, "transfer");
}

function list(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, { ...LIST_PARAMS, destination: f.string(), transfer_group: f.string() });
  // Transfers belong to the platform: under a Stripe-Account header there are none.
  const transfers = ownedBy(ctx.em.store.transfers, ctx.account).filter(
    (t) =>
      (!p.destination || t.destination === p.destination) &&
      (!p.transfer_group || t.transfer_group === p.transfer_group),
  );
  return { body: expand(ctx.em, paginate(transfers, "/v1/transfers", p), p.expand) };
}

function update(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, { description: f.string({ maxLength: 5000 }), metadata: f.metadata() });
  const transfer = find(ctx);
  const before = { description: transfer.description, metadata: transfer.metadata };
  if (p.description !== undefined) transfer.description = p.description || null;
  transfer.metadata = mergeMetadata(transfer.metadata, p.metadata);
  const previous = {
    ...(before.description !== transfer.description ? { description: before.description } : {}),
    ...(p.metadata !== undefined ? { metadata: before.metadata } : {}),
  };
  if (Object.keys(previous).length > 0) ctx.em.emit("transfer.updated", transfer, { previous: previous });
  return { body: expand(ctx.em, transfer, p.expand) };
}

export function registerTransfers(router: Router): void {
  router
    .add("POST", "/v1/transfers", create)
    .add("GET", "/v1/transfers", list)
    .add("GET", "/v1/transfers/:id", (ctx) => {
      const p = parseParams(ctx.params, {});
      return { body: expand(ctx.em, find(ctx), p.expand) };
    })
    .add("POST", "/v1/transfers/:id", update);
}
