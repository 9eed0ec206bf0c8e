import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CHARGE_MODEL_LABELS } from "@/lib/payments/orders";
import { CaptureCard } from "@/components/capture/capture-card";
import { DisputeCard } from "@/components/dashboard/dispute-card";
import { Card } from "@/components/ui/card";
import { pageUser } from "@/lib/auth";
import { feeText, netSale, sellerOrderStatus, sellerReceives } from "@/lib/connect/seller-orders";
import { sellerOrder } from "@/lib/connect/seller-overview";
import { EVIDENCE_FILE_MAX_BYTES, NOTE_MAX_CHARS } from "@/lib/disputes/notes";
import { disputesOfSellerOrder } from "@/lib/disputes/views";
import { formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import { addSellerDisputeNoteAction, cancelOrderAction, shipOrderAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Order" };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2">
      <dt className="text-slate-600">{label}</dt>
      <dd className="min-w-0 text-right break-all tabular-nums">{children}</dd>
    </div>
  );
}

/**
 * One order of the signed-in seller: what the buyer paid, what refunds and disputes took, what is left.
 * A "charge when I ship" order also shows what was authorised and, until it ships, the ship/cancel forms.
 */
export default async function SellerOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await pageUser("seller", `/dashboard/orders/${id}`);
  const [order, disputes] = await Promise.all([sellerOrder(user, id), disputesOfSellerOrder(user, id)]);
  if (!order) notFound();
  const money = (minor: number) => formatMoney(minor, order.currency);
  const auth = order.authorization;
  // Only a paid order has money rows: an authorised one is not charged yet, a released one never was.
  const paid = order.status === "succeeded";
  const back = auth && !paid ? { href: "/dashboard/orders", label: "← To ship" } : null;
  return (
    <div className="space-y-6">
      <div>
        <Link
          prefetch={false}
          href={back?.href ?? "/dashboard/payments"}
          className="text-sm text-brand-700 underline"
        >
          {back?.label ?? "← All payments"}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">
          {order.productName}
          {order.quantity > 1 ? ` × ${order.quantity}` : ""}
        </h1>
        <p className="text-sm text-slate-600">Ordered {formatDate(order.createdAt)}</p>
      </div>
      {auth ? (
        <CaptureCard
          order={order}
          auth={auth}
          now={new Date()}
          shipAction={shipOrderAction}
          cancelAction={cancelOrderAction}
        />
      ) : null}
      <Card title="Payment details">
        <dl className="divide-y divide-slate-100 text-sm">
          <Row label="Status">
            <span data-testid="seller-order-status">{sellerOrderStatus(order, auth)}</span>
          </Row>
          <Row label="Buyer paid">
            <span data-testid="seller-order-paid">
              {paid
                ? money(order.amount)
                : order.status === "authorized"
                  ? "Nothing yet"
                  : "Nothing: the authorisation was released"}
            </span>
          </Row>
          {order.amountRefunded > 0 ? (
            <Row label="Refunded to the buyer">−{money(order.amountRefunded)}</Row>
          ) : null}
          {order.amountDisputed > 0 ? (
            <Row label="Taken back by the dispute">−{money(order.amountDisputed)}</Row>
          ) : null}
          {paid ? (
            <>
              <Row label="After refunds and disputes">{money(netSale(order))}</Row>
              <Row label="Platform fee kept">
                <span data-testid="seller-order-fee">{feeText(order)}</span>
              </Row>
              <Row label="You receive">
                <span className="font-semibold" data-testid="seller-order-net">
                  {money(sellerReceives(order))}
                </span>
              </Row>
            </>
          ) : null}
          <Row label="Buyer">{order.buyerEmail}</Row>
          <Row label="How it was paid">{CHARGE_MODEL_LABELS[order.chargeModel]}</Row>
          <Row label="Stripe payment">
            <span className="font-mono text-xs">
              {order.chargeId ??
                order.paymentIntentId ??
                (order.chargeModel === "direct" ? "—" : "a transfer to you")}
            </span>
          </Row>
        </dl>
      </Card>
      <DisputeCard
        disputes={disputes}
        now={new Date()}
        action={addSellerDisputeNoteAction}
        limits={{ maxChars: NOTE_MAX_CHARS, maxBytes: EVIDENCE_FILE_MAX_BYTES }}
      />
    </div>
  );
}
