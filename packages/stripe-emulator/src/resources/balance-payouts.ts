/**
 * Money per account: balance transactions, the balance they add up to, and payouts.
 * Card funds land in `pending` and become `available` two days later on the emulator clock
 * (`POST /_emulator/clock/advance` moves them); refunds and payouts debit at once. A payout is paid
 * (or fails, for Stripe's failing test bank account 000111111116) when the clock passes its arrival date.
 */
import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { ApiError, invalidRequest } from "../errors";
import { expand, ownedBy, paginate, requireOwned } from "../list";
import type { ApiContext, ApiResult, Router } from "../router";
import { f, LIST_PARAMS, parseParams } from "../schema";
import { newId, PLATFORM_ACCOUNT } from "../state";
import { platformAccount } from "./account-model";

/** Stripe's standard US payout speed in test mode: card funds available two days after the charge. */
export const AVAILABLE_AFTER_SECONDS = 2 * 24 * 60 * 60;
const PAYOUT_TRANSIT_SECONDS = 24 * 60 * 60;
/** Stripe's test bank account number whose payouts fail. */
const FAILING_BANK_LAST4 = "1116";

export interface BalanceEntry {
  amount: number;
  currency: string;
  type: Stripe.BalanceTransaction.Type;
  source: string | null;
  description?: string | null;
  fee_details?: Stripe.BalanceTransaction.FeeDetail[];
  /** Seconds until available; 0 = available now (refunds, payouts, fee refunds). */
  delay?: number;
  reporting_category: string;
}

export function addBalanceTransaction(
  em: Emulator,
  owner: string,
  entry: BalanceEntry,
): Stripe.BalanceTransaction {
  const now = em.now();
  const fee = (entry.fee_details ?? []).reduce((s, d) => s + d.amount, 0);
  const availableOn = now + (entry.delay ?? 0);
  const txn: Stripe.BalanceTransaction = {
    id: newId("txn"),
    object: "balance_transaction",
    amount: entry.amount,
    available_on: availableOn,
    balance_type: "payments",
    created: now,
    currency: entry.currency,
    description: entry.description ?? null,
    exchange_rate: null,
    fee,
    fee_details: entry.fee_details ?? [],
    net: entry.amount - fee,
    reporting_category: entry.reporting_category,
    source: entry.source,
    status: availableOn <= now ? "available" : "pending",
    type: entry.type,
  };
  em.store.balanceTransactions[txn.id] = { owner, obj: txn };
  return txn;
}

export function balanceTotals(
  em: Emulator,
  owner: string,
  currency: string,
): { available: number; pending: number } {
  const now = em.now();
  let available = 0;
  let pending = 0;
  for (const txn of ownedBy(em.store.balanceTransactions, owner)) {
    if (txn.currency !== currency) continue;
    if (txn.available_on <= now) available += txn.net;
    else pending += txn.net;
  }
  return { available, pending };
}

export function balanceOf(em: Emulator, owner: string): Stripe.Balance {
  const account = owner === PLATFORM_ACCOUNT ? platformAccount(em) : em.store.accounts[owner];
  const currencies = new Set([account?.default_currency ?? "usd"]);
  for (const txn of ownedBy(em.store.balanceTransactions, owner)) currencies.add(txn.currency);
  const available: Stripe.Balance.Available[] = [];
  const pending: Stripe.Balance.Pending[] = [];
  for (const currency of currencies) {
    const t = balanceTotals(em, owner, currency);
    available.push({ amount: t.available, currency, source_types: { card: t.available } });
    pending.push({ amount: t.pending, currency, source_types: { card: t.pending } });
  }
  return { object: "balance", available, livemode: false, pending };
}

/** Tick: flips matured transactions to available (emitting balance.available) and settles due payouts. */
export function settleMoney(em: Emulator): void {
  const now = em.now();
  const credited = new Set<string>();
  for (const { owner, obj } of Object.values(em.store.balanceTransactions)) {
    if (obj.status === "pending" && obj.available_on <= now) {
      obj.status = "available";
      credited.add(owner);
    }
  }
  for (const owner of credited) em.emit("balance.available", balanceOf(em, owner), { account: owner });
  for (const { owner, obj: payout } of Object.values(em.store.payouts)) {
    if (payout.status !== "pending" && payout.status !== "in_transit") continue;
    if (payout.arrival_date > now) continue;
    const account = em.store.accounts[owner];
    const bank = account?.external_accounts?.data[0];
    const before = { status: payout.status };
    if (bank && "last4" in bank && bank.last4 === FAILING_BANK_LAST4) {
      const reversal = addBalanceTransaction(em, owner, {
        amount: payout.amount,
        currency: payout.currency,
        type: "payout_failure",
        source: payout.id,
        reporting_category: "payout_reversal",
        description: "Payout failure",
      });
      payout.status = "failed";
      payout.failure_code = "no_account";
      payout.failure_message =
        "The bank account details on file are probably incorrect. No bank account could be located with those details.";
      payout.failure_balance_transaction = reversal.id;
      em.emit("payout.failed", payout, { account: owner, previous: before });
    } else {
      payout.status = "paid";
      em.emit("payout.paid", payout, { account: owner, previous: before });
    }
    em.emit("payout.updated", payout, { account: owner, previous: before });
  }
}

function insufficientFunds(): ApiError {
  return new ApiError(400, {
    type: "invalid_request_error",
    code: "balance_insufficient",
    message:
      "You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card. See: https://stripe.com/docs/testing#available-balance",
  });
}

/** Shared by the API and the Connect.js payouts component. */
export function createPayout(
  em: Emulator,
  owner: string,
  input: {
    amount?: number;
    currency?: string;
    description?: string;
    metadata?: Record<string, string> | null;
    method?: "standard" | "instant";
    statement_descriptor?: string;
  },
): Stripe.Payout {
  const account = owner === PLATFORM_ACCOUNT ? platformAccount(em) : em.store.accounts[owner];
  if (!account) throw invalidRequest("No such account", "account");
  const currency = (input.currency ?? account.default_currency ?? "usd").toLowerCase();
  if (!account.payouts_enabled)
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "payouts_not_allowed",
      message:
        "Payouts have been disabled on this account. Check requirements.disabled_reason on the account for details.",
    });
  const bank = account.external_accounts?.data.find((e) => "currency" in e && e.currency === currency);
  if (!bank)
    throw invalidRequest(
      `Sorry, you don't have any external accounts in that currency (${currency}).`,
      "currency",
      "no_external_account",
    );
  const { available } = balanceTotals(em, owner, currency);
  const amount = input.amount ?? available;
  if (amount <= 0 || amount > available) throw insufficientFunds();
  const now = em.now();
  const id = newId("po");
  const txn = addBalanceTransaction(em, owner, {
    amount: -amount,
    currency,
    type: "payout",
    source: id,
    reporting_category: "payout",
    description: input.description ?? "STRIPE PAYOUT",
  });
  const payout: Stripe.Payout = {
    id,
    object: "payout",
    amount,
    application_fee: null,
    application_fee_amount: null,
    arrival_date: input.method === "instant" ? now : now + PAYOUT_TRANSIT_SECONDS,
    automatic: false,
    balance_transaction: txn.id,
    created: now,
    currency,
    description: input.description ?? "STRIPE PAYOUT",
    destination: bank.id,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    livemode: false,
    metadata: input.metadata ?? {},
    method: input.method ?? "standard",
    original_payout: null,
    payout_method: null,
    reconciliation_status: "not_applicable",
    reversed_by: null,
    source_type: "card",
    statement_descriptor: input.statement_descriptor ?? null,
    status: "pending",
    trace_id: null,
    type: "bank_account",
  };
  em.store.payouts[id] = { owner, obj: payout };
  em.emit("payout.created", payout, { account: owner });
  return payout;
}

function createPayoutRoute(ctx: ApiContext): ApiResult {
  const p = parseParams(ctx.params, {
    amount: f.int({ min: 1 }).req(),
    currency: f.string().req(),
    description: f.string(),
    metadata: f.metadata(),
    method: f.enumOf("standard", "instant"),
    statement_descriptor: f.string({ maxLength: 22 }),
    source_type: f.enumOf("card", "bank_account", "fpx"),
    destination: f.string(),
  });
  return { body: expand(ctx.em, createPayout(ctx.em, ctx.account, p), p.expand) };
}

export function registerBalance(router: Router): void {
  router
    .add("GET", "/v1/balance", (ctx) => {
      parseParams(ctx.params, {});
      return { body: balanceOf(ctx.em, ctx.account) };
    })
    .add("GET", "/v1/balance_transactions", (ctx) => {
      const p = parseParams(ctx.params, {
        ...LIST_PARAMS,
        type: f.string(),
        source: f.string(),
        currency: f.string(),
        payout: f.string(),
      });
      const txns = ownedBy(ctx.em.store.balanceTransactions, ctx.account).filter(
        (t) =>
          (!p.type || t.type === p.type) &&
          (!p.source || t.source === p.source) &&
          (!p.currency || t.currency === p.currency),
      );
      return { body: expand(ctx.em, paginate(txns, "/v1/balance_transactions", p), p.expand) };
    })
    .add("GET", "/v1/balance_transactions/:id", (ctx) => {
      const p = parseParams(ctx.params, {});
      return {
        body: expand(
          ctx.em,
          requireOwned(
            ctx.em.store.balanceTransactions,
            ctx.pathParams.id as string,
            ctx.account,
            "balance transaction",
          ),
          p.expand,
        ),
      };
    })
    .add("POST", "/v1/payouts", createPayoutRoute)
    .add("GET", "/v1/payouts", (ctx) => {
      const p = parseParams(ctx.params, {
        ...LIST_PARAMS,
        status: f.enumOf("pending", "in_transit", "paid", "failed", "canceled"),
        destination: f.string(),
        arrival_date: f.obj({ gt: f.int(), gte: f.int(), lt: f.int(), lte: f.int() }),
      });
      const payouts = ownedBy(ctx.em.store.payouts, ctx.account).filter(
        (po) => !p.status || po.status === p.status,
      );
      return { body: expand(ctx.em, paginate(payouts, "/v1/payouts", p), p.expand) };
    })
    .add("GET", "/v1/payouts/:id", (ctx) => {
      const p = parseParams(ctx.params, {});
      return {
        body: expand(
          ctx.em,
          requireOwned(ctx.em.store.payouts, ctx.pathParams.id as string, ctx.account, "payout"),
          p.expand,
        ),
      };
    });
}
