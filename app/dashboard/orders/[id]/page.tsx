import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DisputeCard } from "@/components/dashboard/dispute-card";
import { Card } from "@/components/ui/card";
import { pageUser } from "@/lib/auth";
import { feeText, netSale, sellerOrderStatus, sellerReceives } from "@/lib/connect/seller-orders";
import { sellerOrder } from "@/lib/connect/seller-overview";
import { EVIDENCE_FILE_MAX_BYTES, NOTE_MAX_CHARS } from "@/lib/disputes/notes";
import { disputesOfSellerOrder } from "@/lib/disputes/views";
import { formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import { addSellerDisputeNoteAction } from "./actions";

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

/** One paid order of the signed-in seller: what the buyer paid, what refunds and disputes took, what is left. */
export default async function SellerOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await pageUser("seller", `/dashboard/orders/${id}`);
  const [order, disputes] = await Promise.all([sellerOrder(user, id), disputesOfSellerOrder(user, id)]);
  if (!order) notFound();
  const money = (minor: number) => formatMoney(minor, order.currency);
  return (
    <div className="space-y-6">
      <div>
        <Link prefetch={false} href="/dashboard/payments" className="text-sm text-brand-700 underline">
          ← All payments
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">
          {order.productName}
          {order.quantity > 1 ? ` × ${order.quantity}` : ""}
        </h1>
        <p className="text-sm text-slate-600">Ordered {formatDate(order.createdAt)}</p>
      </div>
      <Card title="Payment details">
        <dl className="divide-y divide-slate-100 text-sm">
          <Row label="Status">
            <span data-testid="seller-order-status">{sellerOrderStatus(order)}</span>
          </Row>
          <Row label="Buyer paid">{money(order.amount)}</Row>
          {order.amountRefunded > 0 ? (
            <Row label="Refunded to the buyer">−{money(order.amountRefunded)}</Row>
          ) : null}
          {order.amountDisputed > 0 ? (
            <Row label="Taken back by the dispute">−{money(order.amountDisputed)}</Row>
          ) : null}
          <Row label="After refunds and disputes">{money(netSale(order))}</Row>
          <Row label="Platform fee kept">{feeText(order)}</Row>
          <Row label="You receive">
            <span className="font-semibold" data-testid="seller-order-net">
              {money(sellerReceives(order))}
            </span>
          </Row>
          <Row label="Buyer">{order.buyerEmail}</Row>
          <Row label="Stripe payment">
            <span className="font-mono text-xs">{order.chargeId ?? order.paymentIntentId ?? "—"}</span>
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
