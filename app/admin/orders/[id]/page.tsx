import type { Metadata } from "next";
import type { ReactNode } from "react";
import { DISPUTE_FEE_POLICY } from "@/lib/disputes/money";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuthorizationCard } from "@/components/admin/authorization-card";
import { StatusBadge } from "@/components/admin/badge";
import { OrderActivity } from "@/components/admin/order-activity";
import { RefundForm } from "@/components/admin/refund-form";
import { Card } from "@/components/ui/card";
import { getOrderForAdmin, type AdminCartPayment } from "@/lib/admin/console";
import { netLine, orderMoney } from "@/lib/admin/order-money";
import { pageUser } from "@/lib/auth";
import { env } from "@/lib/env";
import { formatDate } from "@/lib/format";
import { formatMoney, minorToDecimalString } from "@/lib/money";
import { authorizationOf } from "@/lib/payments/order-authorization";
import { CHARGE_MODEL_LABELS } from "@/lib/payments/orders";
import { FEE_RETURN_POLICY_LABEL } from "@/lib/refunds/fee-return";
import { stripeNow } from "@/lib/stripe-clock";
import { cancelAuthorizationAction, refundOrderAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Order" };

export default async function AdminOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const admin = await pageUser("admin", `/admin/orders/${id}`);
  const detail = await getOrderForAdmin(admin, id);
  if (!detail) notFound();
  const { order, productName, sellerName, sellerEmail, account, refundable, cart } = detail;
  const authorization = await authorizationOf(order);
  // Time left to capture is counted on Stripe's clock (the emulator's can run ahead).
  const now = order.status === "authorized" ? await stripeNow().catch(() => new Date()) : new Date();
  const money = (minor: number) => formatMoney(minor, order.currency);
  const m = orderMoney(
    order,
    detail.refunds.map((r) => r.refund),
    detail.disputes,
  );
  const net = (base: number, deductions: [number, string][]) => netLine(order.currency, base, deductions);
  const facts: [string, ReactNode][] = [
    ["Amount", money(order.amount)],
    ["Quantity", `${order.quantity} × ${money(order.unitAmount)}`],
    // Nothing is taken from an authorised card until the seller ships (the Authorisation card says more).
    order.status === "authorized"
      ? ["Buyer authorised (not charged yet)", money(order.amount)]
      : [
          "Buyer paid, net",
          order.status === "succeeded"
            ? net(m.paid, [
                [m.refunded, "refunded"],
                [m.disputed, "disputed"],
              ])
            : "Nothing charged",
        ],
    ["Platform fee, net", net(m.fee, [[m.feeReturned, "returned to the seller"]])],
    [
      "Seller receives (before Stripe fees)",
      <span key="seller-net" data-testid="admin-seller-net">
        {net(m.sellerGross, [
          [m.sellerRefunded, "refunded"],
          [m.disputed, "disputed"],
          [m.disputeFees, "Stripe dispute fee"],
        ])}
        {m.sellerRefunded !== m.refunded ? (
          <span className="block text-xs text-slate-500">
            Refunds net of the {money(m.feeReturned)} platform fee returned.
          </span>
        ) : null}
        {m.disputeFees > 0 ? (
          <span className="block text-xs text-slate-500">{DISPUTE_FEE_POLICY}</span>
        ) : null}
      </span>,
    ],
    ["Refunded (Stripe confirmed)", money(m.refunded)],
    ...(m.refundInProgress > 0
      ? [["Refunds in progress", money(m.refundInProgress)] as [string, ReactNode]]
      : []),
    ["Still refundable", money(refundable)],
    ["Buyer", order.buyerEmail],
    [
      "Seller",
      <Link key="seller" href={`/admin/orders?seller=${order.sellerId}`} className="text-brand-700 underline">
        {sellerName} ({sellerEmail})
      </Link>,
    ],
    [
      "Connected account",
      <code key="acct">
        {order.stripeAccountId}
        {account?.type ? ` (${account.type})` : ""}
      </code>,
    ],
    ["How it was paid", CHARGE_MODEL_LABELS[order.chargeModel]],
    ...(cart ? cartRows(cart, money) : []),
    ...(cart
      ? []
      : ([
          ["PaymentIntent", <code key="pi">{order.paymentIntentId ?? "—"}</code>],
          ["Charge", <code key="ch">{order.chargeId ?? "—"}</code>],
        ] as [string, ReactNode][])),
    ["Placed", formatDate(order.createdAt)],
    ["Last updated", formatDate(order.updatedAt)],
  ];
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <p className="text-sm">
          <Link href="/admin/orders" className="text-brand-700 underline">
            ← All orders
          </Link>
        </p>
        <h1 className="text-2xl font-bold">
          {productName}
          {order.quantity > 1 ? ` × ${order.quantity}` : ""}
        </h1>
        <p className="font-mono text-xs text-slate-500">Order {order.id}</p>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span>Payment:</span> <StatusBadge status={order.status} />
          <span>Refunds:</span>
          <span data-testid="admin-refund-state">
            <StatusBadge status={order.refundState === "none" ? "not refunded" : order.refundState} />
          </span>
          {/* Stripe counts a pending refund as refunded; say that part is still on its way (or held for funds). */}
          {m.refundInProgress > 0 ? (
            <span data-testid="admin-refund-pending">
              <StatusBadge status="pending" />{" "}
              <span className="text-slate-600">{money(m.refundInProgress)} in progress</span>
            </span>
          ) : null}
          {order.disputed ? <StatusBadge status="disputed" /> : null}
        </p>
        {order.failureMessage ? <p className="text-sm text-red-700">{order.failureMessage}</p> : null}
      </div>
      {authorization ? (
        <AuthorizationCard
          order={order}
          authorization={authorization}
          now={now}
          cancelAction={cancelAuthorizationAction}
        />
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <Card title="Payment">
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
            {facts.map(([term, value]) => (
              <div key={term} className="contents">
                <dt className="text-slate-600">{term}</dt>
                <dd className="break-all">{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card title="Refund">
          {refundable > 0 ? (
            <RefundForm
              refundAction={refundOrderAction}
              orderId={order.id}
              currency={order.currency}
              refundable={minorToDecimalString(refundable, order.currency)}
              refundableLabel={money(refundable)}
              feePolicy={env.REFUND_APPLICATION_FEE}
              feePolicyLabel={FEE_RETURN_POLICY_LABEL[env.REFUND_APPLICATION_FEE]}
            />
          ) : (
            <p className="text-sm text-slate-600">
              {order.status === "succeeded"
                ? "Nothing is left to refund on this order (refunds in progress count)."
                : order.status === "authorized"
                  ? "Nothing was charged yet: the card is only authorised. Cancel the authorisation instead."
                  : `Only paid orders can be refunded; this order is ${order.status.replaceAll("_", " ")}.`}
            </p>
          )}
        </Card>
      </div>
      <OrderActivity
        currency={order.currency}
        refunds={detail.refunds}
        disputes={detail.disputes}
        events={detail.events}
        audit={detail.audit}
      />
    </div>
  );
}

/** A cart line's payment: the whole cart's session, PaymentIntent and charge (the platform's), and this seller's transfer. */
function cartRows(
  { checkout, transfer, disputes }: AdminCartPayment,
  money: (minor: number) => string,
): [string, ReactNode][] {
  const transferText = transfer?.stripeTransferId
    ? `${transfer.stripeTransferId}: ${money(transfer.amount)}${transfer.amountReversed > 0 ? `, ${money(transfer.amountReversed)} reversed` : ""}`
    : checkout.status === "paid"
      ? "not made yet (the cart-transfers job makes it)"
      : "none (the cart is not paid)";
  return [
    [
      "Cart checkout",
      <code key="cart">
        {checkout.id} ({checkout.status}, {money(checkout.amountTotal)} for the whole cart)
      </code>,
    ],
    ["Checkout Session", <code key="cs">{checkout.stripeCheckoutSessionId ?? "—"}</code>],
    ["PaymentIntent (platform)", <code key="pi">{checkout.paymentIntentId ?? "—"}</code>],
    ["Charge (platform)", <code key="ch">{checkout.chargeId ?? "—"}</code>],
    [
      "This seller's transfer",
      <code key="tr" data-testid="admin-seller-transfer">
        {transferText}
      </code>,
    ],
    ...disputes.map((d): [string, ReactNode] => [
      "Dispute of the cart's payment",
      <Link
        key={d.id}
        href={`/admin/disputes/${d.id}`}
        className="text-brand-700 underline"
        data-testid="admin-cart-dispute"
      >
        {`${money(d.amount)} ${d.status.replaceAll("_", " ")} (the platform answers it; the sellers' transfers stand)`}
      </Link>,
    ]),
  ];
}
