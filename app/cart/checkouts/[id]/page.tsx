import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OrderAutoRefresh } from "@/components/checkout/order-auto-refresh";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { currentUser } from "@/lib/auth";
import { cartCheckoutForPage } from "@/lib/cart/checkout-view";
import { formatMoney } from "@/lib/money";
import { firstParam } from "@/lib/params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your cart's payment", robots: { index: false } };

const STATUS = {
  open: { title: "Confirming your payment…", tone: "info" },
  processing: { title: "Payment processing", tone: "info" },
  paid: { title: "Payment succeeded", tone: "success" },
  failed: { title: "Payment failed", tone: "error" },
  expired: { title: "Payment not completed", tone: "warning" },
} as const;

const DETAIL: Record<keyof typeof STATUS, string> = {
  open: "Stripe sent you back; we are waiting for its confirmation. This page updates by itself.",
  processing: "Your bank has not confirmed the payment yet. We email you when it does; nothing more to do.",
  paid: "Each seller has your order and ships it. Your receipt is on its way.",
  failed: "Your bank refused the payment. Nothing was charged: your cart still has the items.",
  expired: "The payment page closed before you paid. Nothing was charged: your cart still has the items.",
};

/** Where Stripe Checkout sends the buyer back: the payment's state, then one order per item. */
export default async function CartCheckoutPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const page = await cartCheckoutForPage(await currentUser(), id, firstParam((await searchParams).token));
  if (!page) notFound();
  const { checkout, lines } = page;
  const status = STATUS[checkout.status];
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <h1 className="text-2xl font-bold" data-testid="cart-checkout-status">
        {status.title}
      </h1>
      <Alert tone={status.tone}>{DETAIL[checkout.status]}</Alert>
      <OrderAutoRefresh active={checkout.status === "open" || checkout.status === "processing"} />
      <Card title={`Total ${formatMoney(checkout.amountTotal, checkout.currency)}`}>
        <ul className="divide-y divide-slate-100">
          {lines.map(({ order, productName, sellerName, orderUrl }) => (
            <li
              key={order.id}
              className="flex flex-wrap justify-between gap-2 py-2 text-sm"
              data-testid="cart-checkout-line"
            >
              <span>
                {order.quantity} × {productName} <span className="text-slate-500">from {sellerName}</span>
              </span>
              <span className="flex gap-3">
                {formatMoney(order.amount, order.currency)}
                {checkout.status === "paid" ? (
                  <Link href={orderUrl} className="text-brand-700 underline">
                    Order<span className="sr-only"> for {productName}</span>
                  </Link>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      </Card>
      {checkout.status === "failed" || checkout.status === "expired" ? (
        <Link href="/cart" className="text-sm text-brand-700 underline">
          Back to your cart
        </Link>
      ) : null}
    </div>
  );
}
