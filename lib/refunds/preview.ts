import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Executor } from "@/db/client";
import { listRefundsForOrder, OUTSTANDING_REFUND_STATUSES } from "@/db/queries/refunds";
import type { Order } from "@/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/money";
import { feeReturnedBy, refundTotals, sellerCapOf } from "./fee-return";

/**
 * What a refund will do before it is made. The same function runs for the form's preview and, under the
 * order's row lock, inside createRefund: the admin confirms exactly what the refund then does.
 */
export interface RefundPreview {
  orderId: string;
  currency: string;
  amount: number;
  refundApplicationFee: boolean;
  /** Platform fee given back to the seller by this refund. */
  feeReturned: number;
  /** What leaves the seller's balance: the refund minus the fee given back. */
  sellerDebited: number;
  /** Where it is taken from: the seller's balance, or (a separate-charges cart line) their transfer for the cart. */
  debitedFrom: "balance" | "transfer";
  /** What was left to refund before this refund. */
  refundable: number;
  /** The order's refund rows when previewed (failed ones included): any new refund changes it. */
  version: number;
}

/** What a confirmation carries and the refund must still match (the currency reads the typed amount). */
export type PreviewStamp = Pick<
  RefundPreview,
  "currency" | "amount" | "refundApplicationFee" | "feeReturned" | "refundable" | "version"
>;

/** Refuses what can never be refunded (same messages whether previewing or refunding). */
export async function computeRefundPreview(
  order: Order,
  request: { amount: number; refundApplicationFee: boolean },
  ex?: Executor,
): Promise<RefundPreview> {
  if (!Number.isSafeInteger(request.amount) || request.amount <= 0) {
    // parseMoneyInput never gives such an amount: this guards money against a caller's bug.
    const message = "The amount must be a whole number of minor units, more than zero.";
    throw new AppError("unprocessable:refund", message, { fieldErrors: { amount: [message] } });
  }
  // A cart line's payment is its cart checkout's (lib/refunds/stripe-refund.ts checks it is there).
  const direct = order.chargeModel === "direct";
  if (order.status !== "succeeded" || (direct && !order.paymentIntentId && !order.chargeId)) {
    throw new AppError("conflict:refund", `Only paid orders can be refunded; this order is ${order.status}.`);
  }
  const rows = await listRefundsForOrder({ orderId: order.id }, ex);
  const outstanding = rows
    .map((r) => r.refund)
    .filter((r) => (OUTSTANDING_REFUND_STATUSES as readonly string[]).includes(r.status));
  const sellerCap = sellerCapOf(order);
  const before = refundTotals(order.amount, order.applicationFeeAmount, outstanding, sellerCap);
  const refundable = order.amount - before.refunded;
  if (refundable <= 0) {
    throw new AppError(
      "conflict:refund",
      "This order has already been refunded in full (or a refund for the rest is in progress).",
    );
  }
  if (request.amount > refundable) {
    const message = `You can refund at most ${formatMoney(refundable, order.currency)} on this order.`;
    throw new AppError("unprocessable:refund", message, { fieldErrors: { amount: [message] } });
  }
  const feeReturned = feeReturnedBy({
    chargeAmount: order.amount,
    fee: order.applicationFeeAmount,
    feeReturnedBefore: before.feeReturned,
    refundedBefore: before.refunded,
    amount: request.amount,
    returnFee: request.refundApplicationFee,
    sellerCap,
  });
  return {
    orderId: order.id,
    currency: order.currency,
    amount: request.amount,
    refundApplicationFee: request.refundApplicationFee,
    feeReturned,
    sellerDebited: request.amount - feeReturned,
    debitedFrom: order.chargeModel === "separate" ? "transfer" : "balance",
    refundable,
    version: rows.length,
  };
}

/** "the seller's balance is debited $28.30; the platform returns $1.70 of its fee" */
export function describeSplit(p: RefundPreview): string {
  const money = (minor: number) => formatMoney(minor, p.currency);
  const fee = p.refundApplicationFee
    ? `the platform returns ${money(p.feeReturned)} of its fee`
    : p.feeReturned > 0
      ? // A separate-charges cart line: its seller cannot give back more than their transfer paid them.
        `the platform returns ${money(p.feeReturned)} of its fee (the seller was only paid the line minus the fee)`
      : "the platform keeps its fee";
  const seller =
    p.debitedFrom === "transfer"
      ? `${money(p.sellerDebited)} of the seller's transfer for the cart is reversed`
      : `the seller's balance is debited ${money(p.sellerDebited)}`;
  return `${seller}; ${fee}`;
}

/** "Refund $30.00 to the buyer; the seller's balance is debited $28.30; the platform returns $1.70 of its fee." */
export function describePreview(p: RefundPreview): string {
  const whole = p.amount === p.refundable ? " (everything left on this order)" : "";
  return `Refund ${formatMoney(p.amount, p.currency)}${whole} to the buyer; ${describeSplit(p)}.`;
}

export function stampOf(p: RefundPreview): PreviewStamp {
  return {
    currency: p.currency,
    amount: p.amount,
    refundApplicationFee: p.refundApplicationFee,
    feeReturned: p.feeReturned,
    refundable: p.refundable,
    version: p.version,
  };
}

export function sameStamp(a: PreviewStamp, b: PreviewStamp): boolean {
  return (Object.keys(a) as (keyof PreviewStamp)[]).every((k) => a[k] === b[k]);
}

/*
 * The confirm step carries the preview as a token signed for this admin and order, so a forged or edited
 * confirmation (one that was never previewed) is refused, and a replayed one finds the order's refund
 * version moved on (createRefund then answers with a fresh preview instead of refunding again). The stamp
 * names the currency, so a confirmation reads its typed amount without reading the order first.
 */

function mac(body: string): string {
  return createHmac("sha256", env.authSecret).update(`refund-preview:${body}`).digest("base64url");
}

export function signPreview(adminId: string, p: RefundPreview): string {
  const body = Buffer.from(JSON.stringify({ a: adminId, o: p.orderId, s: stampOf(p) })).toString("base64url");
  return `${body}.${mac(body)}`;
}

/** The stamp inside a token, or null when it was not signed by us for this admin and order. */
export function readPreviewToken(token: string, adminId: string, orderId: string): PreviewStamp | null {
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as {
      a?: unknown;
      o?: unknown;
      s?: PreviewStamp;
    };
    const ours = parsed.a === adminId && parsed.o === orderId && typeof parsed.s?.currency === "string";
    return ours ? (parsed.s ?? null) : null;
  } catch {
    return null;
  }
}
