import { useState } from "react";
import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";
import { Banner, Box, ContextView, Spinner } from "@stripe/ui-extension-sdk/ui";
import { backendUrl } from "../api";
import { ErrorBanner } from "../components/ErrorBanner";
import { Loading } from "../components/Loading";
import { OrderDetails } from "../components/OrderDetails";
import type { RefundDone } from "../components/RefundForm";
import { useBackend } from "../useBackend";

export const NOT_AN_ORDER = "This payment is not a marketplace order.";

/**
 * The payment detail page (viewport stripe.dashboard.payment.detail): the marketplace order(s) this payment
 * paid for — one for a direct charge, one per seller's line for a cart — with a refund on the seller's behalf.
 */
const PaymentDetailView = ({ userContext, environment }: ExtensionContextValue) => {
  const context = { userContext, environment };
  const paymentId = environment.objectContext?.id ?? "";
  const { state, reload } = useBackend(context, "payment", paymentId ? { payment_id: paymentId } : null);
  const [refunded, setRefunded] = useState<RefundDone | null>(null);

  function onRefunded(done: RefundDone) {
    setRefunded(done);
    reload();
  }

  let body;
  if (!paymentId) {
    body = <Box>Open a payment to see its marketplace order.</Box>;
  } else if (state.status === "loading") {
    body = <Loading label="Loading the marketplace order…" />;
  } else if (state.status === "failed") {
    body =
      state.httpStatus === 404 && state.error.code.startsWith("not_found") ? (
        <Box>{NOT_AN_ORDER}</Box>
      ) : (
        <ErrorBanner error={state.error} backendUrl={backendUrl(environment)} />
      );
  } else if (state.data.orders.length === 0) {
    body = <Box>{NOT_AN_ORDER}</Box>;
  } else {
    const { orders } = state.data;
    body = (
      <Box css={{ stack: "y", gapY: "large" }}>
        {orders.length > 1 ? (
          <Box css={{ color: "secondary" }}>
            {`This payment is a cart of ${orders.length} orders, one per seller's line.`}
          </Box>
        ) : null}
        {orders.map((order) => (
          <OrderDetails key={order.id} context={context} order={order} onRefunded={onRefunded} />
        ))}
      </Box>
    );
  }

  return (
    <ContextView
      title="Marketplace order"
      description="From Connect Market, the marketplace behind this payment."
    >
      <Box css={{ stack: "y", gapY: "medium" }}>
        {refunded ? (
          <Banner
            type="default"
            // A pending refund is accepted, not sent yet: the message says what it waits for.
            title={refunded.succeeded ? "Refund made" : "Refund accepted, pending"}
            description={refunded.message}
            onDismiss={() => setRefunded(null)}
          />
        ) : null}
        {state.status === "loaded" && state.refreshing ? <Spinner size="small" /> : null}
        {body}
      </Box>
    </ContextView>
  );
};

export default PaymentDetailView;
