import type { Metadata } from "next";
import Link from "next/link";
import { CartLineForm } from "@/components/cart/cart-line-form";
import { PayCartForm } from "@/components/cart/pay-cart-form";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { currentUser } from "@/lib/auth";
import { viewCart, type CartLine } from "@/lib/cart/cart";
import { formatMoney } from "@/lib/money";
import { newCheckoutKey } from "@/lib/payments/checkout-page";
import { payCartAction, removeCartLineAction, updateCartLineAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your cart", robots: { index: false } };

/** The cart, by seller: prices as they are now, what cannot be paid and why, and each item's Buy now. */
export default async function CartPage() {
  const user = await currentUser();
  const cart = await viewCart(user);
  if (cart.sellers.length === 0)
    return (
      <div className="mx-auto max-w-3xl space-y-4">
        <h1 className="text-2xl font-bold">Your cart</h1>
        <div data-testid="cart-empty">
          <EmptyState title="Your cart is empty.">
            <Link href="/shop" className="text-brand-700 underline">
              Find something in the shop
            </Link>
          </EmptyState>
        </div>
      </div>
    );
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <h1 className="text-2xl font-bold">Your cart</h1>
      {cart.problems.map((problem) => (
        <Alert key={problem} tone="warning">
          {problem}
        </Alert>
      ))}
      {cart.sellers.map((seller) => (
        <Card key={seller.sellerId} title={`From ${seller.sellerName}`}>
          <ul className="divide-y divide-slate-100" data-testid="cart-seller">
            {seller.lines.map((line) => (
              <Line key={line.productId} line={line} />
            ))}
          </ul>
          {cart.currency ? (
            <p className="mt-3 text-right text-sm text-slate-600">
              Subtotal from {seller.sellerName}:{" "}
              <span className="font-medium text-slate-900">
                {formatMoney(seller.subtotal, cart.currency)}
              </span>
            </p>
          ) : null}
        </Card>
      ))}
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <p className="flex flex-wrap justify-between gap-2 text-lg font-semibold">
          <span>
            Total ({cart.itemCount} {cart.itemCount === 1 ? "item" : "items"})
          </span>
          <span data-testid="cart-total">{cart.currency ? formatMoney(cart.total, cart.currency) : "—"}</span>
        </p>
        <p className="mt-2 text-sm text-slate-600">
          Prices are today&apos;s: they are checked again when you pay. Items that cannot be paid now are not
          counted{cart.payable ? "" : ": remove them to pay for the rest, or use Buy now on an item"}.
        </p>
        {cart.payable && cart.currency ? (
          <div className="mt-4">
            <PayCartForm
              payCart={payCartAction}
              checkoutKey={newCheckoutKey()}
              total={cart.total}
              currency={cart.currency}
              email={user?.email ?? null}
            />
          </div>
        ) : null}
      </div>
    </div>
  );
}

function Line({ line }: { line: CartLine }) {
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 py-3" data-testid="cart-line">
      <div className="min-w-0 flex-1 basis-48 space-y-1">
        <Link href={`/products/${line.productId}`} className="font-medium text-slate-900 hover:underline">
          {line.name}
        </Link>
        <p className="text-sm text-slate-600">
          {formatMoney(line.unitAmount, line.currency)} each ·{" "}
          <span className="font-medium text-slate-900">{formatMoney(line.amount, line.currency)}</span>
        </p>
        {line.problem ? <p className="text-sm text-amber-800">{line.problem}</p> : null}
      </div>
      <div className="flex flex-wrap items-start gap-2">
        <CartLineForm
          productId={line.productId}
          name={line.name}
          quantity={line.quantity}
          update={updateCartLineAction}
          remove={removeCartLineAction}
        />
        {line.problem ? null : (
          <Link
            href={`/checkout/${line.productId}?quantity=${line.quantity}`}
            className={buttonClass("primary", "px-3 py-1.5")}
          >
            Buy now<span className="sr-only"> {line.name}</span>
          </Link>
        )}
      </div>
    </li>
  );
}
