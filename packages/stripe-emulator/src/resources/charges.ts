/**
 * Charges as objects and their read endpoints: `buildCharge` (what a confirm attempt produces) and
 * `/v1/charges`; disputes are in disputes.ts (lifecycle) and dispute-api.ts (endpoints). The money a
 * captured charge moves is booked in capture-booking.ts.
 */
import type Stripe from "stripe";
import { EMULATOR_DEFAULTS } from "../defaults";
import type { Emulator } from "../emulator";
import { expand, ownedBy, paginate, requireOwned } from "../list";
import type { Router } from "../router";
import { f, LIST_PARAMS, parseParams } from "../schema";
import { newId, type CardRecord } from "../state";

export const CONNECT_APPLICATION = "ca_emulator";

/** What one confirm attempt produces: a succeeded (uncaptured) or failed charge for the card. */
export function buildCharge(
  em: Emulator,
  pi: Stripe.PaymentIntent,
  card: CardRecord,
  failure: { code: string; decline_code?: string; message: string } | null,
): Stripe.Charge {
  const id = newId("ch");
  const succeeded = failure === null;
  const created = em.now();
  // Stripe sets capture_before only on an authorisation that waits for a capture.
  const authorisationOnly = succeeded && pi.capture_method === "manual";
  return {
    id,
    object: "charge",
    amount: pi.amount,
    amount_captured: 0,
    amount_refunded: 0,
    application: pi.application,
    application_fee: null,
    application_fee_amount: pi.application_fee_amount,
    balance_transaction: null,
    billing_details: {
      address: {
        city: null,
        country: null,
        line1: null,
        line2: null,
        postal_code: card.billing_postal_code,
        state: null,
      },
      email: null,
      name: null,
      phone: null,
      tax_id: null,
    },
    calculated_statement_descriptor: pi.statement_descriptor ?? "EMULATED MARKETPLACE",
    captured: false,
    created,
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: failure?.code ?? null,
    failure_message: failure?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: { ...pi.metadata },
    on_behalf_of: pi.on_behalf_of,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: succeeded ? "approved_by_network" : "declined_by_network",
      reason: failure?.decline_code ?? null,
      risk_level: "normal",
      seller_message: succeeded
        ? "Payment complete."
        : "The bank did not return any further details with this decline.",
      type: succeeded ? "authorized" : "issuer_declined",
    },
    paid: succeeded,
    payment_intent: pi.id,
    payment_method: card.id,
    payment_method_details: {
      type: "card",
      card: {
        amount_authorized: succeeded ? pi.amount : null,
        authorization_code: succeeded ? "123456" : null,
        ...(authorisationOnly
          ? { capture_before: created + EMULATOR_DEFAULTS.authorizationValiditySeconds }
          : {}),
        brand: card.brand,
        checks: {
          address_line1_check: null,
          address_postal_code_check: card.billing_postal_code ? "pass" : null,
          cvc_check: "pass",
        },
        country: card.country,
        electronic_commerce_indicator: null,
        exp_month: card.exp_month,
        exp_year: card.exp_year,
        fingerprint: card.fingerprint,
        funding: card.funding,
        installments: null,
        last4: card.last4,
        mandate: null,
        network: card.brand,
        network_transaction_id: succeeded ? newId("ntid", 12).slice(5) : null,
        regulated_status: "unregulated",
        three_d_secure: null,
        transaction_link_id: null,
        wallet: null,
      },
    },
    receipt_email: pi.receipt_email,
    receipt_number: null,
    receipt_url: `${em.baseUrl}/_emulator/hosted/receipts/${id}`,
    refunded: false,
    refunds: { object: "list", data: [], has_more: false, url: `/v1/charges/${id}/refunds` },
    review: null,
    shipping: pi.shipping,
    source: null,
    source_transfer: null,
    statement_descriptor: pi.statement_descriptor,
    statement_descriptor_suffix: pi.statement_descriptor_suffix,
    status: succeeded ? "succeeded" : "failed",
    transfer_data: pi.transfer_data
      ? { amount: pi.transfer_data.amount ?? null, destination: pi.transfer_data.destination }
      : null,
    transfer_group: pi.transfer_group,
  };
}

export function registerCharges(router: Router): void {
  router
    .add("GET", "/v1/charges", (ctx) => {
      const p = parseParams(ctx.params, {
        ...LIST_PARAMS,
        payment_intent: f.string(),
        customer: f.string(),
        transfer_group: f.string(),
      });
      const charges = ownedBy(ctx.em.store.charges, ctx.account).filter(
        (c) =>
          (!p.payment_intent || c.payment_intent === p.payment_intent) &&
          (!p.customer || c.customer === p.customer),
      );
      return { body: expand(ctx.em, paginate(charges, "/v1/charges", p), p.expand) };
    })
    .add("GET", "/v1/charges/:id", (ctx) => {
      const p = parseParams(ctx.params, {});
      return {
        body: expand(
          ctx.em,
          requireOwned(ctx.em.store.charges, ctx.pathParams.id as string, ctx.account, "charge"),
          p.expand,
        ),
      };
    });
}
