import type Stripe from "stripe";
import { getDisputeByStripeId } from "@/db/queries/disputes";
import type { Dispute } from "@/db/schema";
import { handleDisputeEvent } from "@/lib/webhooks/disputes";
import { testStripe } from "./emulator";
import { createPaidOrder, type PaidOrder } from "./orders";
import { applyWith, emulatorEvent } from "./webhooks";

export interface DisputedOrder extends PaidOrder {
  dispute: Dispute;
  stripeDispute: Stripe.Dispute;
}

/** A paid order whose buyer disputed it (test card 0259), with the dispute stored as its created event leaves it. */
export async function createDisputedOrder(amount = 6_000): Promise<DisputedOrder> {
  const paid = await createPaidOrder({ amount, paymentMethod: "pm_card_createDispute" });
  const created = await emulatorEvent(
    paid.account.stripeAccountId,
    "charge.dispute.created",
    () => true,
    10_000,
  );
  await applyWith(handleDisputeEvent, created);
  const stripeDispute = created.data.object as Stripe.Dispute;
  const dispute = await getDisputeByStripeId({ stripeDisputeId: stripeDispute.id });
  if (!dispute) throw new Error("dispute not stored");
  return { ...paid, dispute, stripeDispute };
}

/** The dispute as Stripe (the emulator) holds it now. */
export function stripeDisputeOf(d: DisputedOrder): Promise<Stripe.Dispute> {
  return testStripe().disputes.retrieve(d.stripeDispute.id, {}, { stripeAccount: d.account.stripeAccountId });
}

/** The smallest files of each kind Stripe accepts as evidence (their first bytes are what counts). */
export const EVIDENCE_BYTES = {
  pdf: new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"),
  png: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
  gif: new TextEncoder().encode("GIF89a....."),
};
