import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { CaptureLaterNote } from "@/components/checkout/capture-later";
import { PaymentChoice } from "@/components/checkout/payment-choice";
import { ShownMoney, ShownPriceProvider } from "@/components/checkout/shown-price";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { currentUser } from "@/lib/auth";
import { env } from "@/lib/env";
import { prepareCheckout } from "@/lib/payments/checkout-page";
import { finishCardSetupAction, startCardSetupAction } from "@/app/account/payment-methods/actions";
import { startCheckoutAction } from "./actions";
import { firstParam } from "@/lib/params";
import { listSavedCards } from "@/lib/wallet/cards";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Checkout" };

export default async function CheckoutPage({
  params,
  searchParams,
}: {
  params: Promise<{ productId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { productId } = await params;
  const query = await searchParams;
  const user = await currentUser();
  const model = await prepareCheckout(user, {
    productId,
    quantity: query.quantity,
    orderId: firstParam(query.order),
    token: firstParam(query.token),
  });
  if (!model) notFound();
  if (model.kind === "paid") redirect(model.orderUrl);
  if (model.kind === "blocked") {
    return (
      <div className="mx-auto max-w-xl space-y-4">
        <h1 className="text-2xl font-bold">Checkout</h1>
        <Alert tone="warning">{model.message}</Alert>
        <Link href={`/products/${model.productId}`} className="text-sm text-brand-700 underline">
          Back to the product
        </Link>
      </div>
    );
  }

  // A signed-in buyer's saved cards, offered first; Stripe unreachable just means the card form alone.
  const savedCards = user?.role === "buyer" ? await listSavedCards(user).catch(() => []) : [];
  // What the buyer sees is what the form sends back: the action charges only if it is still the price.
  const shown = {
    unitAmount: model.unitAmount,
    quantity: model.quantity,
    amount: model.amount,
    currency: model.currency,
  };
  return (
    <ShownPriceProvider initial={shown}>
      <div className="mx-auto grid max-w-4xl items-start gap-8 md:grid-cols-[1fr_1.2fr]">
        <Card title="Your order">
          <dl className="grid grid-cols-[1fr_max-content] gap-y-2 text-sm">
            <dt className="text-slate-500">Product</dt>
            <dd>{model.productName}</dd>
            <dt className="text-slate-500">Seller</dt>
            <dd>{model.sellerName}</dd>
            <dt className="text-slate-500">Unit price</dt>
            <dd data-testid="checkout-unit-price">
              <ShownMoney of="unitAmount" />
            </dd>
            <dt className="text-slate-500">Quantity</dt>
            <dd>{model.quantity}</dd>
            <dt className="border-t border-slate-200 pt-2 font-medium">Total</dt>
            <dd className="border-t border-slate-200 pt-2 font-semibold" data-testid="checkout-total">
              <ShownMoney of="amount" />
            </dd>
          </dl>
          {model.captureLater ? <CaptureLaterNote className="mt-3" /> : null}
          {model.retryOrderId ? null : (
            <Link
              href={`/products/${model.productId}`}
              className="mt-4 inline-block text-sm text-brand-700 underline"
            >
              Change quantity
            </Link>
          )}
        </Card>
        <section aria-labelledby="pay-heading" className="space-y-4">
          <h1 id="pay-heading" className="text-2xl font-bold">
            {model.retryOrderId ? "Try another card" : "Pay"}
          </h1>
          <PaymentChoice
            savedCards={savedCards}
            wallet={
              user?.role === "buyer"
                ? { startSetup: startCardSetupAction, finishSetup: finishCardSetupAction }
                : null
            }
            startCheckout={startCheckoutAction}
            publishableKey={env.stripePublishableKey}
            stripeJsUrl={env.stripeJsUrl}
            stripeAccountId={model.stripeAccountId}
            productId={model.productId}
            checkoutKey={model.checkoutKey}
            email={model.email}
            captureLater={model.captureLater}
          />
        </section>
      </div>
    </ShownPriceProvider>
  );
}
