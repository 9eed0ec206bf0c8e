import "server-only";
import type Stripe from "stripe";
import { getAccountByUserId } from "@/db/queries/connected-accounts";
import { listRecentRefundsForSeller, listSellerOrdersByCharge } from "@/db/queries/seller-dashboard";
import { stripe } from "@/lib/stripe";
import type { Seller } from "@/lib/guards";
import { sellerOrderStatus } from "./seller-orders";

/*
 * Why a seller's available balance is below zero, in their terms: the disputes (amount plus Stripe's
 * dispute fee) and refunds that took money out of it, each linked to the seller's order page.
 * Stripe's own balance and disputes are the truth about money; our database names the orders.
 */

export interface BalanceDebit {
  kind: "dispute" | "refund";
  /** Positive minor units taken from the balance (a dispute's includes its fee). */
  amount: number;
  /** Stripe's dispute fee within `amount` (0 for refunds). */
  fee: number;
  orderId: string | null;
  productName: string | null;
  /** e.g. "Dispute lost", "Refund". */
  status: string;
  stripeId: string | null;
}

export interface NegativeBalance {
  currency: string;
  available: number;
  debits: BalanceDebit[];
}

function chargeIdOf(dispute: Stripe.Dispute): string {
  return typeof dispute.charge === "string" ? dispute.charge : dispute.charge.id;
}

/** What a dispute took from the balance so far (its balance transactions; 0 once won back). */
function disputeDebit(dispute: Stripe.Dispute): { amount: number; fee: number } {
  const txns = dispute.balance_transactions ?? [];
  const net = txns.reduce((n, t) => n + t.net, 0);
  const fee = txns.reduce((n, t) => n + t.fee, 0);
  return { amount: -net, fee };
}

export async function explainNegativeBalance(
  sellerId: string,
  stripeAccount: string,
): Promise<NegativeBalance[]> {
  const balance = await stripe.balance.retrieve({}, { stripeAccount });
  const negative = balance.available.filter((b) => b.amount < 0);
  if (negative.length === 0) return [];
  const disputes = (await stripe.disputes.list({ limit: 100 }, { stripeAccount })).data;
  const orders = await listSellerOrdersByCharge({ sellerId, chargeIds: disputes.map(chargeIdOf) });
  const byCharge = new Map(orders.map((o) => [o.chargeId, o]));
  return Promise.all(
    negative.map(async ({ currency, amount }) => {
      const disputeDebits: BalanceDebit[] = disputes
        .filter((d) => d.currency === currency)
        .map((d) => ({ d, debit: disputeDebit(d), order: byCharge.get(chargeIdOf(d)) }))
        .filter(({ debit }) => debit.amount > 0)
        .map(({ d, debit, order }) => ({
          kind: "dispute",
          ...debit,
          orderId: order?.id ?? null,
          productName: order?.productName ?? null,
          status: order ? sellerOrderStatus(order) : `Dispute ${d.status.replaceAll("_", " ")}`,
          stripeId: d.id,
        }));
      const refunds = await listRecentRefundsForSeller({ sellerId, currency, limit: 5 });
      const refundDebits: BalanceDebit[] = refunds.map((r) => ({
        kind: "refund",
        amount: r.amount,
        fee: 0,
        orderId: r.orderId,
        productName: r.productName,
        status: "Refund",
        stripeId: null,
      }));
      return { currency, available: amount, debits: [...disputeDebits, ...refundDebits] };
    }),
  );
}

/** The dashboard's entry point: nothing for a seller without a connected Express account or when Stripe fails. */
export async function negativeBalancesFor(seller: Seller): Promise<NegativeBalance[]> {
  const account = await getAccountByUserId({ userId: seller.id });
  if (!account || account.disconnectedAt || account.type !== "express") return [];
  try {
    return await explainNegativeBalance(seller.id, account.stripeAccountId);
  } catch (error) {
    console.error("negative balance explanation failed", error);
    return [];
  }
}
