import type { ReactNode } from "react";
import { CancelOrderForm } from "@/components/capture/cancel-form";
import { Card } from "@/components/ui/card";
import type { Order, OrderAuthorization } from "@/db/schema";
import type { Action, ActionState } from "@/lib/actions";
import { RELEASE_REASON_TEXT, timeLeft } from "@/lib/connect/seller-orders";
import { formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";

/**
 * A "charge when I ship" order on the admin's order page: what the buyer authorised, until when it can be
 * captured, what was captured or why it was released, Stripe's last refusal, and (while it is open) the
 * form that releases it. Once captured, the order's own quantity, amount and fee are what was charged.
 */
export function AuthorizationCard({
  order,
  authorization: auth,
  now,
  cancelAction,
}: {
  order: Order;
  authorization: OrderAuthorization;
  /** Stripe's clock (lib/stripe-clock.ts): the deadline is Stripe's. */
  now: Date;
  cancelAction: Action<ActionState>;
}) {
  const money = (minor: number) => formatMoney(minor, order.currency);
  const open = order.status === "authorized" && !auth.capturedAt && !auth.releasedAt;
  const facts: [string, ReactNode][] = [
    ["Authorised", `${money(auth.amount)} for ${auth.quantity}`],
    ["Platform fee authorised", money(auth.applicationFeeAmount)],
    ["Authorised at", auth.authorizedAt ? formatDate(auth.authorizedAt) : "Not yet (card not authorised)"],
  ];
  if (auth.captureBefore && !auth.capturedAt && !auth.releasedAt) {
    facts.push([
      "Capture before",
      <span key="deadline" data-testid="admin-capture-before">
        {formatDate(auth.captureBefore)}{" "}
        <span className="text-slate-500">({timeLeft(auth.captureBefore, now)} left)</span>
      </span>,
    ]);
  }
  if (auth.capturedAt) {
    const released = auth.amount - (auth.capturedAmount ?? order.amount);
    facts.push(
      [
        "Captured",
        `${money(auth.capturedAmount ?? order.amount)} for ${auth.capturedQuantity ?? order.quantity}`,
      ],
      ["Platform fee captured", money(order.applicationFeeAmount)],
      ["Captured at", formatDate(auth.capturedAt)],
    );
    if (released > 0) facts.push(["Released (not shipped)", money(released)]);
  }
  if (auth.releasedAt) {
    facts.push(
      ["Released", `${money(auth.amount)}: nothing charged`],
      ["Reason", auth.releaseReason ? RELEASE_REASON_TEXT[auth.releaseReason] : "—"],
      ["Released at", formatDate(auth.releasedAt)],
    );
  }
  if (auth.settlement)
    facts.push(["In progress", `A ${auth.settlement.action} by the ${auth.settlement.by}`]);
  if (auth.lastError)
    facts.push([
      "Last error",
      <span key="error" className="text-red-700">
        {auth.lastError}
      </span>,
    ]);
  return (
    <Card title="Authorisation">
      <dl
        className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]"
        data-testid="admin-authorization"
      >
        {facts.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-slate-600">{term}</dt>
            <dd className="break-words">{value}</dd>
          </div>
        ))}
      </dl>
      {open ? (
        <div className="mt-4 space-y-3 border-t border-slate-200 pt-4">
          <h3 className="text-sm font-semibold">Cancel authorisation</h3>
          {/* The seller's own cancel form: the same fields and checks, here for any order (admins only). */}
          <CancelOrderForm orderId={order.id} amountLabel={money(auth.amount)} action={cancelAction} />
        </div>
      ) : null}
    </Card>
  );
}
