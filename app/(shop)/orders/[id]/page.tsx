import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OrderNotices } from "@/components/checkout/order-notices";
import { OrderStatusPanel } from "@/components/checkout/order-status-panel";
import { currentUser } from "@/lib/auth";
import { authorizationOf } from "@/lib/payments/order-authorization";
import { loadOrderNotices } from "@/lib/payments/order-notices";
import { getOrderForViewer, liveIntentStatusAfterRedirect } from "@/lib/payments/orders";
import { firstParam } from "@/lib/params";

export const dynamic = "force-dynamic";
// The URL carries a guest's access token: never send it to other sites in a Referer header.
export const metadata: Metadata = { title: "Order", robots: { index: false }, referrer: "same-origin" };

/** The order's buyer (signed in) or whoever holds the token from the return URL; anyone else gets a 404. */
export default async function OrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const query = await searchParams;
  const token = firstParam(query.token);
  const viewer = await currentUser();
  const found = await getOrderForViewer(viewer, { orderId: id, token });
  if (!found) notFound();
  const { order, productName, sellerName } = found;
  const [liveIntentStatus, notices, authorization] = await Promise.all([
    liveIntentStatusAfterRedirect(order, firstParam(query.payment_intent)),
    loadOrderNotices(order, viewer !== null && order.buyerId === viewer.id),
    authorizationOf(order),
  ]);
  const retry = new URLSearchParams({ order: order.id, ...(token ? { token } : {}) });
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold">Your order</h1>
      <OrderStatusPanel
        order={order}
        authorization={authorization}
        productName={productName}
        sellerName={sellerName}
        // A cart line is paid again from the cart (it keeps what was not paid), not on its own.
        retryHref={order.chargeModel === "direct" ? `/checkout/${order.productId}?${retry.toString()}` : null}
        justRedirected={firstParam(query.redirect_status) !== undefined}
        liveIntentStatus={liveIntentStatus}
        notices={<OrderNotices notices={notices} />}
      />
    </div>
  );
}
