import "server-only";
import { listTransfersToMake, recordSellerTransfer, setCheckoutCharge } from "@/db/queries/cart-checkouts";
import { stripe } from "@/lib/stripe";
import { logStripeFailure } from "@/lib/stripe-errors";

/*
 * Separate charges and transfers: once a cart's platform charge succeeded, each seller gets their lines
 * minus the platform's fee, with the charge as `source_transaction` (the transfer waits for the charge's
 * funds) and an idempotency key per checkout and seller, so a retry, a second worker or a crash between
 * Stripe's answer and our write never pays a seller twice. Run right after webhooks are applied and by the
 * `cart-transfers` job (lib/jobs/registry.ts) for whatever is left.
 */

export interface TransferRun {
  made: number;
  failed: number;
}

export async function makeCartTransfers({ limit = 50 }: { limit?: number } = {}): Promise<TransferRun> {
  const run: TransferRun = { made: 0, failed: 0 };
  for (const due of await listTransfersToMake({ limit })) {
    try {
      let chargeId = due.chargeId;
      if (!chargeId && due.paymentIntentId) {
        const intent = await stripe.paymentIntents.retrieve(due.paymentIntentId);
        const latest = intent.latest_charge;
        chargeId = typeof latest === "string" ? latest : (latest?.id ?? null);
        if (chargeId) await setCheckoutCharge({ id: due.cartCheckoutId, chargeId });
      }
      if (!chargeId) continue; // not charged yet: the next run
      const transfer = await stripe.transfers.create(
        {
          amount: due.amount,
          currency: due.currency,
          destination: due.stripeAccountId,
          source_transaction: chargeId,
          transfer_group: `cart_${due.cartCheckoutId}`,
          metadata: { cart_checkout_id: due.cartCheckoutId, seller_id: due.sellerId },
        },
        { idempotencyKey: `cart-transfer-${due.cartCheckoutId}-${due.sellerId}` },
      );
      await recordSellerTransfer({
        cartCheckoutId: due.cartCheckoutId,
        sellerId: due.sellerId,
        stripeTransferId: transfer.id,
        amountReversed: transfer.amount_reversed,
      });
      run.made++;
    } catch (error) {
      run.failed++;
      logStripeFailure(`cart transfer ${due.cartCheckoutId} → ${due.stripeAccountId}`, error);
    }
  }
  return run;
}
