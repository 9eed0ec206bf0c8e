import { and, asc, desc, eq, gte, inArray, isNotNull } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import {
  cartCheckouts,
  orders,
  sellerTransfers,
  type CartCheckout,
  type Order,
  type SellerTransfer,
} from "@/db/schema";

/* The payment check's reads for carts paid through Stripe Checkout (lib/reconcile/cart-payments.ts). */

export interface PaidCartToCheck {
  checkout: Pick<
    CartCheckout,
    "id" | "chargeModel" | "paymentIntentId" | "chargeId" | "applicationFeeTotal" | "currency"
  >;
  /** The cart's lines (one order each), oldest id first: the first carries the cart's own findings. */
  lines: Pick<Order, "id" | "sellerId" | "status" | "amount" | "amountRefunded" | "disputed">[];
  transfers: Pick<SellerTransfer, "sellerId" | "stripeTransferId" | "amount" | "amountReversed">[];
}

/** The newest `limit` paid carts since `since` (or exactly `checkouts`), with their lines and transfers. */
export async function listPaidCartsToCheck(
  { since, limit, checkouts }: { since: Date; limit: number; checkouts?: string[] },
  ex: Executor = db,
): Promise<PaidCartToCheck[]> {
  const carts = await ex
    .select({
      id: cartCheckouts.id,
      chargeModel: cartCheckouts.chargeModel,
      paymentIntentId: cartCheckouts.paymentIntentId,
      chargeId: cartCheckouts.chargeId,
      applicationFeeTotal: cartCheckouts.applicationFeeTotal,
      currency: cartCheckouts.currency,
    })
    .from(cartCheckouts)
    .where(
      and(
        eq(cartCheckouts.status, "paid"),
        isNotNull(cartCheckouts.paymentIntentId),
        gte(cartCheckouts.createdAt, since),
        checkouts ? inArray(cartCheckouts.id, checkouts) : undefined,
      ),
    )
    .orderBy(desc(cartCheckouts.createdAt), desc(cartCheckouts.id))
    .limit(limit);
  if (carts.length === 0) return [];
  const ids = carts.map((c) => c.id);
  const lines = await ex
    .select({
      cartCheckoutId: orders.cartCheckoutId,
      id: orders.id,
      sellerId: orders.sellerId,
      status: orders.status,
      amount: orders.amount,
      amountRefunded: orders.amountRefunded,
      disputed: orders.disputed,
    })
    .from(orders)
    .where(inArray(orders.cartCheckoutId, ids))
    .orderBy(asc(orders.id));
  const transfers = await ex
    .select({
      cartCheckoutId: sellerTransfers.cartCheckoutId,
      sellerId: sellerTransfers.sellerId,
      stripeTransferId: sellerTransfers.stripeTransferId,
      amount: sellerTransfers.amount,
      amountReversed: sellerTransfers.amountReversed,
    })
    .from(sellerTransfers)
    .where(inArray(sellerTransfers.cartCheckoutId, ids));
  return carts.map((checkout) => ({
    checkout,
    lines: lines
      .filter((l) => l.cartCheckoutId === checkout.id)
      .map(({ cartCheckoutId: _, ...line }) => line),
    transfers: transfers
      .filter((t) => t.cartCheckoutId === checkout.id)
      .map(({ cartCheckoutId: _, ...transfer }) => transfer),
  }));
}
