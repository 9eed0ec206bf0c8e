import { beforeEach, describe, expect, it, vi } from "vitest";
import { render } from "@stripe/ui-extension-sdk/testing";
import { Badge, Banner, Link } from "@stripe/ui-extension-sdk/ui";
import { fetchStripeSignature } from "@stripe/ui-extension-sdk/utils";
import { signedPayload } from "../contract";
import { account } from "../test/fixtures";
import {
  DASHBOARD_USER,
  json,
  PLATFORM_ACCOUNT,
  SIGNATURE,
  settle,
  stubFetch,
  viewProps,
} from "../test/backend";
import ConnectedAccountView from "./ConnectedAccountView";

vi.mock("@stripe/ui-extension-sdk/utils", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@stripe/ui-extension-sdk/utils")>()),
  fetchStripeSignature: vi.fn(),
}));

const signature = vi.mocked(fetchStripeSignature);

beforeEach(() => {
  signature.mockResolvedValue(SIGNATURE);
});

async function open(options: Parameters<typeof viewProps>[2] = {}) {
  const { wrapper, update } = render(
    <ConnectedAccountView {...viewProps("acct_seller1", "account", options)} />,
  );
  await settle(update);
  return wrapper;
}

describe("ConnectedAccountView", () => {
  it("asks the marketplace about the page's connected account with a signed request", async () => {
    const fetchMock = stubFetch(() => json(200, account()));
    await open();

    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("https://market.example.com/api/stripe-app/account");
    const payload = { mode: "test", connected_account_id: "acct_seller1" };
    expect(init?.body).toBe(signedPayload(DASHBOARD_USER, PLATFORM_ACCOUNT, payload));
    expect(init?.headers).toMatchObject({ "Stripe-Signature": SIGNATURE });
    expect(signature).toHaveBeenCalledWith(payload);
  });

  it("shows the seller, what Stripe still needs (past due flagged), products, sales and links", async () => {
    stubFetch(() => json(200, account()));
    const wrapper = await open();

    expect(wrapper).toContainText("Ada's Pottery");
    expect(wrapper).toContainText("ada@example.com");
    expect(wrapper.find(Badge, { type: "positive" })).toContainText("Charges enabled");
    expect(wrapper.find(Badge, { type: "negative" })).toContainText("Payouts disabled");

    expect(wrapper).toContainText("Individual verification document");
    expect(wrapper).toContainComponentTimes(Badge, 1, { type: "urgent" });
    expect(wrapper.find(Badge, { type: "urgent" })).toContainText("Past due");
    expect(wrapper.find(Badge, { type: "warning" })).toContainText("Due");

    expect(wrapper).toContainComponent(Link, {
      href: "https://market.example.com/products/prod_1",
      external: true,
    });
    expect(wrapper).toContainText("Blue mug$12.50Active");
    expect(wrapper).toContainText("Old vase$99.00Inactive");

    expect(wrapper).toContainText("USD3 orders · $75.00 gross · $12.50 refunded");
    expect(wrapper).toContainText("EUR1 order · €20.00 gross · €0.00 refunded");

    expect(wrapper.find(Link, { href: "https://market.example.com/admin/sellers/sel_1" })).toContainText(
      "Open in marketplace admin",
    );
    expect(wrapper.find(Link, { href: "https://market.example.com/shops/sel_1" })).toContainText(
      "Open the seller's shop",
    );
    expect(wrapper).toContainComponent(Link, {
      href: "https://market.example.com/shops/sel_1",
      target: "_blank",
    });
    expect(wrapper).not.toContainComponent(Banner);
  });

  it("warns that a seller disconnected the marketplace", async () => {
    stubFetch(() => json(200, account({ disconnected: true, requirementsDue: [] })));
    const wrapper = await open();
    expect(wrapper).toContainComponent(Banner, {
      type: "caution",
      title: "This seller disconnected the marketplace",
    });
    expect(wrapper).toContainText("Stripe needs nothing more from this seller.");
  });

  it("an account that is no seller (404 not_found…) says so", async () => {
    stubFetch(() =>
      json(404, { error: { code: "not_found:seller", message: "No seller has this account." } }),
    );
    const wrapper = await open();
    expect(wrapper).toContainText("This account is not a seller of the marketplace.");
    expect(wrapper).not.toContainComponent(Banner);
  });

  it("a Dashboard user not linked to an admin is told their user id and where to link it", async () => {
    stubFetch(() =>
      json(403, {
        error: { code: "forbidden:stripe_app_user", message: "Not linked.", dashboardUserId: "usr_other" },
      }),
    );
    const wrapper = await open();
    const description = wrapper.find(Banner)?.prop("description");
    expect(description).toContain("usr_other");
    expect(description).toContain("https://market.example.com/admin/stripe-app");
    expect(wrapper.find(Banner)?.prop("actions")).toBeTruthy();
  });

  it("other refusals show the marketplace's message", async () => {
    stubFetch(() =>
      json(409, {
        error: {
          code: "conflict:stripe_app_mode",
          message:
            "This marketplace runs on Stripe's test mode data. Switch the Dashboard to test mode to use the app.",
        },
      }),
    );
    const wrapper = await open({ mode: "live" });
    expect(wrapper).toContainComponent(Banner, {
      type: "critical",
      description:
        "This marketplace runs on Stripe's test mode data. Switch the Dashboard to test mode to use the app.",
    });
  });

  it("without the BACKEND_URL constant: no request, and a message saying what is missing", async () => {
    const fetchMock = stubFetch(() => json(200, account()));
    const wrapper = await open({ constants: null });
    expect(fetchMock).not.toHaveBeenCalled();
    expect(wrapper.find(Banner, { type: "critical" })?.prop("description")).toContain("BACKEND_URL");
  });
});
