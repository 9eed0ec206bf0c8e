import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import type { OrderAuthorization, OrderStatus } from "@/db/schema";
import type { Action, ActionState } from "@/lib/actions";
import { SETTLEMENT_STALE_SECONDS } from "@/lib/capture/settle";
import { RELEASE_REASON_TEXT, timeLeft } from "@/lib/connect/seller-orders";
import { formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import { CancelOrderForm } from "./cancel-form";
import { ShipForm } from "./ship-form";

/*
 * A "charge when I ship" order on its page: while authorised, what the buyer authorised, the deadline and
 * the ship and cancel forms; afterwards, how it ended (charged for what shipped, the rest released).
 */

function Line({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2">
      <dt className="text-slate-600">{label}</dt>
      <dd className="min-w-0 text-right break-words tabular-nums">{children}</dd>
    </div>
  );
}

interface Props {
  order: { status: OrderStatus; currency: string; amount: number; quantity: number };
  auth: OrderAuthorization;
  now: Date;
  shipAction: Action<ActionState>;
  cancelAction: Action<ActionState>;
}

function Outcome({ order, auth }: Pick<Props, "order" | "auth">) {
  const money = (minor: number) => formatMoney(minor, order.currency);
  const authorised = `${money(auth.amount)} for ${auth.quantity}`;
  if (auth.capturedAt && auth.capturedAmount != null) {
    const released = auth.amount - auth.capturedAmount;
    return (
      <dl className="divide-y divide-slate-100 text-sm" data-testid="capture-outcome">
        <Line label="Authorised">{authorised}</Line>
        <Line label={`Charged ${formatDate(auth.capturedAt)}`}>
          {money(auth.capturedAmount)} for {auth.capturedQuantity ?? order.quantity}
        </Line>
        <Line label="Released">{released > 0 ? money(released) : "—"}</Line>
      </dl>
    );
  }
  return (
    <dl className="divide-y divide-slate-100 text-sm" data-testid="capture-outcome">
      <Line label="Authorised">{authorised}</Line>
      <Line label={auth.releasedAt ? `Released ${formatDate(auth.releasedAt)}` : "Released"}>
        {money(auth.amount)}: nothing charged
      </Line>
      <Line label="Why">{auth.releaseReason ? RELEASE_REASON_TEXT[auth.releaseReason] : "Canceled"}</Line>
    </dl>
  );
}

export function CaptureCard({ order, auth, now, shipAction, cancelAction }: Props) {
  const open = order.status === "authorized" && !auth.capturedAt && !auth.releasedAt;
  if (!open)
    return (
      <Card title="Charge when shipped">
        <Outcome order={order} auth={auth} />
      </Card>
    );
  const money = (minor: number) => formatMoney(minor, order.currency);
  // One in flight blocks both forms; an abandoned one (its answer lost) may be resumed by sending again.
  const settling =
    auth.settlement !== null &&
    auth.settlementStartedAt !== null &&
    now.getTime() - auth.settlementStartedAt.getTime() < SETTLEMENT_STALE_SECONDS * 1000;
  return (
    <Card title="Ship this order">
      <div className="space-y-5">
        <dl className="divide-y divide-slate-100 text-sm">
          <Line label="Authorised, not charged">
            {money(auth.amount)} for {auth.quantity}
          </Line>
          <Line label="Ship by">
            {auth.captureBefore ? (
              <span data-testid="ship-by">
                {formatDate(auth.captureBefore)} ({timeLeft(auth.captureBefore, now)} left)
              </span>
            ) : (
              "—"
            )}
          </Line>
        </dl>
        {settling ? (
          <Alert tone="info">
            This order is being shipped or canceled right now. Reload the page in a moment.
          </Alert>
        ) : null}
        {auth.lastError ? <Alert tone="error">{auth.lastError}</Alert> : null}
        <ShipForm auth={auth} currency={order.currency} action={shipAction} disabled={settling} />
        <details className="rounded-md border border-slate-200 p-3">
          <summary className="cursor-pointer text-sm font-medium text-slate-800">
            Cancel the order instead
          </summary>
          <div className="mt-3">
            <CancelOrderForm
              orderId={auth.orderId}
              amountLabel={money(auth.amount)}
              action={cancelAction}
              disabled={settling}
            />
          </div>
        </details>
      </div>
    </Card>
  );
}
