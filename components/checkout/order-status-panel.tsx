import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { Order, OrderAuthorization } from "@/db/schema";
import { formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import { describeOrder } from "@/lib/payments/order-status";
import { OrderAutoRefresh } from "./order-auto-refresh";

export interface OrderStatusPanelProps {
  order: Order;
  /** A "charge when I ship" order's authorisation (null for an order charged at checkout). */
  authorization?: OrderAuthorization | null;
  productName: string;
  sellerName: string;
  /** Link to pay this same order again with another card (null when not offered). */
  retryHref: string | null;
  /** Stripe.js just redirected here after confirming: a hint only, never a state. */
  justRedirected: boolean;
  /** The PaymentIntent's status read from Stripe after that redirect, while our row lags (see describeOrder). */
  liveIntentStatus?: string;
  /** Refund, dispute and "keep this link" notices, shown under the status. */
  notices?: ReactNode;
}

export function OrderStatusPanel({
  order,
  authorization = null,
  productName,
  sellerName,
  retryHref,
  justRedirected,
  liveIntentStatus,
  notices,
}: OrderStatusPanelProps) {
  const view = describeOrder({ ...order, authorization }, liveIntentStatus);
  return (
    <div className="space-y-6">
      <Alert tone={view.tone}>
        <p className="font-semibold" data-testid="order-status">
          {view.title}
        </p>
        <p className="mt-1">{view.description}</p>
        {justRedirected && !view.final && liveIntentStatus === undefined ? (
          <p className="mt-1">Confirming your payment…</p>
        ) : null}
      </Alert>
      {notices}
      <OrderAutoRefresh active={!view.final} />
      {view.canRetry && retryHref ? (
        <Link href={retryHref} className={buttonClass("primary")}>
          Try another card
        </Link>
      ) : null}
      <Card title="Order details">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="text-slate-500">Product</dt>
          <dd>{productName}</dd>
          <dt className="text-slate-500">Seller</dt>
          <dd>{sellerName}</dd>
          <dt className="text-slate-500">Unit price</dt>
          <dd>{formatMoney(order.unitAmount, order.currency)}</dd>
          {/* Until the card is authorised (or when it was declined) there is nothing to say about it. */}
          {authorization?.authorizedAt ? (
            <AuthorizationLines order={order} authorization={authorization} />
          ) : (
            <>
              <dt className="text-slate-500">Quantity</dt>
              <dd>{order.quantity}</dd>
              <dt className="text-slate-500">Total</dt>
              <dd className="font-medium">{formatMoney(order.amount, order.currency)}</dd>
            </>
          )}
          {order.amountRefunded > 0 ? (
            <>
              <dt className="text-slate-500">Refunded</dt>
              <dd>{formatMoney(order.amountRefunded, order.currency)}</dd>
            </>
          ) : null}
          <dt className="text-slate-500">Receipt email</dt>
          <dd>{order.buyerEmail}</dd>
          <dt className="text-slate-500">Placed</dt>
          <dd>{formatDate(order.createdAt)}</dd>
          <dt className="text-slate-500">Order number</dt>
          <dd className="font-mono text-xs">{order.id}</dd>
        </dl>
      </Card>
    </div>
  );
}

/**
 * What a "charge when I ship" order authorised, charged and released. Once captured, the order's own
 * quantity and amount are what was charged; the authorisation keeps what the buyer authorised.
 */
function AuthorizationLines({ order, authorization }: { order: Order; authorization: OrderAuthorization }) {
  const money = (minor: number) => formatMoney(minor, order.currency);
  const charged = order.status === "succeeded";
  const released = charged
    ? authorization.amount - order.amount
    : authorization.releasedAt
      ? authorization.amount
      : 0;
  return (
    <>
      <dt className="text-slate-500">Authorised</dt>
      <dd>
        {money(authorization.amount)} for {authorization.quantity}
      </dd>
      <dt className="text-slate-500">Charged</dt>
      <dd className="font-medium" data-testid="order-charged">
        {charged
          ? `${money(order.amount)} for ${order.quantity}`
          : order.status === "authorized"
            ? "Nothing yet"
            : "Nothing"}
      </dd>
      {released > 0 ? (
        <>
          <dt className="text-slate-500">Released</dt>
          <dd>{money(released)}</dd>
        </>
      ) : null}
    </>
  );
}
