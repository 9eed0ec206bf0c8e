import { Box, Divider, Inline, Link } from "@stripe/ui-extension-sdk/ui";
import type { RequestContext } from "../api";
import type { AppOrder } from "../contract";
import { chargeModelLabel, formatDate, humanize } from "../format";
import { RefundForm, type RefundDone } from "./RefundForm";
import { MoneyRow, Row, SectionTitle } from "./Rows";
import { StatusBadge } from "./StatusBadge";

/** Whether an admin may refund this order from the Dashboard. */
export const canRefund = (order: AppOrder) => order.status === "succeeded" && order.refundable.minor > 0;

/** One marketplace order of the payment: who, what, the money, its refunds and disputes, and a refund form. */
export function OrderDetails({
  context,
  order,
  onRefunded,
}: {
  context: RequestContext;
  order: AppOrder;
  onRefunded: (done: RefundDone) => void;
}) {
  return (
    <Box css={{ stack: "y", gapY: "small" }}>
      <Box css={{ stack: "x", distribute: "space-between", alignY: "center", gapX: "small" }}>
        <Box css={{ font: "heading" }}>
          {order.product.name} × {order.quantity}
        </Box>
        <StatusBadge status={order.status} />
      </Box>
      <Box css={{ color: "secondary" }}>{chargeModelLabel(order.chargeModel)}</Box>

      <Row label="Buyer">{order.buyerEmail ?? "No email given"}</Row>
      <Row label="Seller">
        {order.seller.name} ({order.seller.email})
      </Row>
      <MoneyRow label="Unit price" money={order.unitAmount} />
      <MoneyRow label="Amount" money={order.amount} />
      <MoneyRow label="Our fee (net of fee returned)" money={order.fee} />
      {order.feeReturned.minor > 0 ? (
        <MoneyRow label="Fee returned to the seller" money={order.feeReturned} />
      ) : null}
      <MoneyRow label="Refunded" money={order.refunded} />
      <MoneyRow label="Refunds in progress" money={order.refundInProgress} />
      <MoneyRow label="Disputed" money={order.disputed} />
      <MoneyRow
        label="Seller's net (before Stripe's fees; after refunds, disputes and our fee)"
        money={order.sellerNet}
      />

      {order.refunds.length > 0 ? (
        <Box css={{ stack: "y", gapY: "xsmall" }}>
          <SectionTitle>Refunds</SectionTitle>
          {order.refunds.map((refund) => (
            <Box key={refund.id} css={{ stack: "y", gapY: "xxsmall" }}>
              <Box css={{ stack: "x", distribute: "space-between", gapX: "small" }}>
                <Inline>
                  {refund.amount.text} on {formatDate(refund.createdAt)}
                  {refund.reason ? ` · ${humanize(refund.reason)}` : ""}
                </Inline>
                <StatusBadge status={refund.status} />
              </Box>
              {refund.note ? <Box css={{ color: "secondary" }}>{refund.note}</Box> : null}
            </Box>
          ))}
        </Box>
      ) : null}

      {order.disputes.length > 0 ? (
        <Box css={{ stack: "y", gapY: "xsmall" }}>
          <SectionTitle>Disputes</SectionTitle>
          {order.disputes.map((dispute) => (
            <Box key={dispute.id} css={{ stack: "x", distribute: "space-between", gapX: "small" }}>
              <Inline>
                {dispute.amount.text} · {humanize(dispute.reason)}
                {dispute.dueBy ? ` · evidence due by ${formatDate(dispute.dueBy)}` : ""}
              </Inline>
              <StatusBadge status={dispute.status} />
            </Box>
          ))}
        </Box>
      ) : null}

      <Link href={order.adminUrl} target="_blank" external>
        Open in marketplace admin
      </Link>

      {canRefund(order) ? (
        // A new refundable amount (after a refund) starts a fresh form, prefilled with it.
        <RefundForm
          key={`${order.id}:${order.refundable.minor}`}
          context={context}
          order={order}
          onDone={onRefunded}
        />
      ) : null}
      <Divider />
    </Box>
  );
}
