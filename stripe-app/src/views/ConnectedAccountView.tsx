import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";
import { Badge, Banner, Box, ContextView, Divider, Inline, Link } from "@stripe/ui-extension-sdk/ui";
import { backendUrl } from "../api";
import { ErrorBanner } from "../components/ErrorBanner";
import { Loading } from "../components/Loading";
import { Row, SectionTitle } from "../components/Rows";
import type { AccountContext } from "../contract";
import { humanize } from "../format";
import { useBackend } from "../useBackend";

export const NOT_A_SELLER = "This account is not a seller of the marketplace.";

function Seller({ account }: { account: AccountContext }) {
  const { seller, products, volume } = account;
  return (
    <Box css={{ stack: "y", gapY: "medium" }}>
      {seller.disconnected ? (
        <Banner
          type="caution"
          title="This seller disconnected the marketplace"
          description="The seller removed the marketplace's access to their Stripe account: their products left the shop and they cannot be paid through it."
        />
      ) : null}

      <Box css={{ stack: "y", gapY: "xsmall" }}>
        <Box css={{ font: "heading" }}>{seller.name}</Box>
        <Box css={{ color: "secondary" }}>{seller.email}</Box>
        <Box css={{ stack: "x", gapX: "small", wrap: "wrap" }}>
          <Badge type={seller.chargesEnabled ? "positive" : "negative"}>
            {seller.chargesEnabled ? "Charges enabled" : "Charges disabled"}
          </Badge>
          <Badge type={seller.payoutsEnabled ? "positive" : "negative"}>
            {seller.payoutsEnabled ? "Payouts enabled" : "Payouts disabled"}
          </Badge>
        </Box>
      </Box>

      <Box css={{ stack: "y", gapY: "xsmall" }}>
        <SectionTitle>Requirements due</SectionTitle>
        {seller.requirementsDue.length === 0 ? (
          <Box css={{ color: "secondary" }}>Stripe needs nothing more from this seller.</Box>
        ) : (
          seller.requirementsDue.map((requirement) => (
            <Box key={requirement.field} css={{ stack: "x", distribute: "space-between", gapX: "small" }}>
              <Inline>{humanize(requirement.field)}</Inline>
              {requirement.pastDue ? (
                <Badge type="urgent">Past due</Badge>
              ) : (
                <Badge type="warning">Due</Badge>
              )}
            </Box>
          ))
        )}
      </Box>

      <Box css={{ stack: "y", gapY: "xsmall" }}>
        <SectionTitle>Products</SectionTitle>
        {products.length === 0 ? (
          <Box css={{ color: "secondary" }}>No products.</Box>
        ) : (
          products.map((product) => (
            <Box
              key={product.id}
              css={{ stack: "x", distribute: "space-between", gapX: "small", alignY: "center" }}
            >
              <Link href={product.url} target="_blank" external>
                {product.name}
              </Link>
              <Box css={{ stack: "x", gapX: "small", alignY: "center" }}>
                <Inline>{product.price.text}</Inline>
                <Badge type={product.active ? "positive" : "neutral"}>
                  {product.active ? "Active" : "Inactive"}
                </Badge>
              </Box>
            </Box>
          ))
        )}
      </Box>

      <Box css={{ stack: "y", gapY: "xsmall" }}>
        <SectionTitle>Sales through the marketplace</SectionTitle>
        {volume.length === 0 ? (
          <Box css={{ color: "secondary" }}>No succeeded orders yet.</Box>
        ) : (
          volume.map((line) => (
            <Row key={line.currency} label={line.currency.toUpperCase()}>
              {line.orders} {line.orders === 1 ? "order" : "orders"} · {line.gross.text} gross ·{" "}
              {line.refunded.text} refunded
            </Row>
          ))
        )}
      </Box>

      <Divider />
      <Box css={{ stack: "y", gapY: "xsmall" }}>
        <Link href={seller.adminUrl} target="_blank" external>
          Open in marketplace admin
        </Link>
        <Link href={seller.shopUrl} target="_blank" external>
          {"Open the seller's shop"}
        </Link>
      </Box>
    </Box>
  );
}

/**
 * A connected account's page (viewport stripe.dashboard.connected_account.detail): the marketplace seller
 * behind the account, what Stripe still needs from them, their products and sales.
 */
const ConnectedAccountView = ({ userContext, environment }: ExtensionContextValue) => {
  const accountId = environment.objectContext?.id ?? "";
  const { state } = useBackend(
    { userContext, environment },
    "account",
    accountId ? { connected_account_id: accountId } : null,
  );

  let body;
  if (!accountId) {
    body = <Box>Open a connected account to see its marketplace seller.</Box>;
  } else if (state.status === "loading") {
    body = <Loading label="Loading the marketplace seller…" />;
  } else if (state.status === "failed") {
    body =
      state.httpStatus === 404 && state.error.code.startsWith("not_found") ? (
        <Box>{NOT_A_SELLER}</Box>
      ) : (
        <ErrorBanner error={state.error} backendUrl={backendUrl(environment)} />
      );
  } else {
    body = <Seller account={state.data} />;
  }

  return (
    <ContextView
      title="Marketplace seller"
      description="From Connect Market, the marketplace this account sells on."
    >
      {body}
    </ContextView>
  );
};

export default ConnectedAccountView;
