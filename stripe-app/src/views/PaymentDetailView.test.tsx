import { beforeEach, describe, expect, it, vi } from "vitest";
import { render } from "@stripe/ui-extension-sdk/testing";
import { Badge, Banner, Link, Spinner } from "@stripe/ui-extension-sdk/ui";
import { fetchStripeSignature } from "@stripe/ui-extension-sdk/utils";
import { signedPayload } from "../contract";
import { cartPayment, money, order, payment } from "../test/fixtures";
import {
  button,
  DASHBOARD_USER,
  json,
  PLATFORM_ACCOUNT,
  SIGNATURE,
  settle,
  stubFetch,
  viewProps,
} from "../test/backend";
import PaymentDetailView from "./PaymentDetailView";

vi.mock("@stripe/ui-extension-sdk/utils", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@stripe/ui-extension-sdk/utils")>()),
  fetchStripeSignature: vi.fn(),
}));

const signature = vi.mocked(fetchStripeSignature);

beforeEach(() => {
  signature.mockResolvedValue(SIGNATURE);
});

async function open(paymentId = "pi_123", options: Parameters<typeof viewProps>[2] = {}) {
  const { wrapper, update } = render(
    <PaymentDetailView {...viewProps(paymentId, "payment_intent", options)} />,
  );
  await settle(update);
  return { wrapper, update };
}

describe("PaymentDetailView", () => {
  it("asks the marketplace about the page's payment with a signed request", async () => {
    const fetchMock = stubFetch(() => json(200, payment([order()])));
    await open("pi_123");

    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("https://market.example.com/api/stripe-app/payment");
    expect(init?.headers).toMatchObject({
      "Stripe-Signature": SIGNATURE,
      "Content-Type": "application/json",
    });
    const payload = { mode: "test", payment_id: "pi_123" };
    expect(init?.body).toBe(signedPayload(DASHBOARD_USER, PLATFORM_ACCOUNT, payload));
    expect(signature).toHaveBeenCalledWith(payload);
  });

  it("shows a spinner until the marketplace answers", async () => {
    let answer: (response: Response) => void = () => {};
    stubFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const { wrapper, update } = render(<PaymentDetailView {...viewProps("pi_123", "payment_intent")} />);
    await update();
    expect(wrapper).toContainComponent(Spinner);
    expect(wrapper).toContainText("Loading the marketplace order");

    answer(json(200, payment([order()])));
    await settle(update);
    expect(wrapper).not.toContainComponent(Spinner);
    expect(wrapper).toContainText("Blue mug × 2");
  });

  it("shows a direct charge's order: buyer, seller, product × quantity, the money and the admin link", async () => {
    stubFetch(() => json(200, payment([order({ feeReturned: money(50), refunded: money(500) })])));
    const { wrapper } = await open();

    expect(wrapper).toContainText("Direct charge on the seller's account");
    expect(wrapper).toContainText("buyer@example.com");
    expect(wrapper).toContainText("Ada's Pottery (ada@example.com)");
    expect(wrapper).toContainText("Blue mug × 2");
    expect(wrapper).toContainText("Unit price$12.50");
    expect(wrapper).toContainText("Amount$25.00");
    expect(wrapper).toContainText("Our fee (net of fee returned)$2.50");
    expect(wrapper).toContainText("Fee returned to the seller$0.50");
    expect(wrapper).toContainText("Refunded$5.00");
    expect(wrapper).toContainText(
      "Seller's net (before Stripe's fees; after refunds, disputes and our fee)$22.50",
    );
    expect(wrapper).toContainComponent(Badge, { type: "positive" });
    expect(wrapper.find(Badge, { type: "positive" })).toContainText("Succeeded");
    expect(wrapper).toContainComponent(Link, {
      href: "https://market.example.com/admin/orders/ord_1",
      target: "_blank",
      external: true,
    });
    expect(wrapper.find(Link, { href: "https://market.example.com/admin/orders/ord_1" })).toContainText(
      "Open in marketplace admin",
    );
  });

  it("shows each order of a cart paid on the platform", async () => {
    stubFetch(() => json(200, cartPayment()));
    const { wrapper } = await open("pi_cart");

    expect(wrapper).toContainText("This payment is a cart of 2 orders");
    expect(wrapper).toContainText("Blue mug × 2");
    expect(wrapper).toContainText("Harbour poster × 1");
    expect(wrapper).toContainText("Bob's Prints (bob@example.com)");
    expect(wrapper).toContainText("$36.00");
    expect(wrapper).toContainComponentTimes(Link, 2);
    expect(wrapper).toContainComponent(Link, { href: "https://market.example.com/admin/orders/ord_b" });
    // One refund form per refundable line.
    expect(wrapper.findAllWhere((node) => node.text === "Preview refund")).toHaveLength(2);
  });

  it("lists the refunds (amount, status, note) and the disputes (amount, status, reason, due by)", async () => {
    const disputed = order({
      refunds: [
        {
          id: "re_1",
          amount: money(500),
          status: "succeeded",
          reason: "requested_by_customer",
          createdAt: "2025-03-02T10:00:00.000Z",
          note: null,
        },
        {
          id: "re_2",
          amount: money(700),
          status: "pending",
          reason: null,
          createdAt: "2025-03-03T10:00:00.000Z",
          note: "Waiting for the seller's balance to cover it.",
        },
      ],
      disputes: [
        {
          id: "dp_1",
          amount: money(2500),
          status: "needs_response",
          reason: "product_not_received",
          dueBy: "2025-04-01T23:59:59.000Z",
        },
      ],
      refundInProgress: money(700),
      disputed: money(2500),
    });
    stubFetch(() => json(200, payment([disputed])));
    const { wrapper } = await open();

    expect(wrapper).toContainText("Refunds in progress$7.00");
    expect(wrapper).toContainText("Disputed$25.00");
    expect(wrapper).toContainText("$5.00 on Mar 2, 2025 · Requested by customer");
    expect(wrapper).toContainText("$7.00 on Mar 3, 2025");
    expect(wrapper).toContainText("Waiting for the seller's balance to cover it.");
    expect(wrapper.find(Badge, { type: "warning" })).toContainText("Pending");
    expect(wrapper).toContainText("$25.00 · Product not received · evidence due by Apr 1, 2025");
    expect(wrapper.find(Badge, { type: "urgent" })).toContainText("Needs response");
  });

  it("an empty orders list: this payment is not a marketplace order", async () => {
    stubFetch(() => json(200, payment([])));
    const { wrapper } = await open("ch_elsewhere");
    expect(wrapper).toContainText("This payment is not a marketplace order.");
    expect(wrapper).not.toContainComponent(Link);
  });

  it("a Dashboard user not linked to an admin is told their user id and where to link it", async () => {
    stubFetch(() =>
      json(403, {
        error: {
          code: "forbidden:stripe_app_user",
          message: "The Stripe Dashboard user usr_admin1 is not linked to a marketplace admin.",
          dashboardUserId: DASHBOARD_USER,
        },
      }),
    );
    const { wrapper } = await open();
    const banner = wrapper.find(Banner);
    expect(banner?.prop("title")).toBe("Your Dashboard user is not linked to a marketplace admin");
    expect(banner?.prop("description")).toContain("usr_admin1");
    expect(banner?.prop("description")).toContain("https://market.example.com/admin/stripe-app");
    expect(wrapper).not.toContainText("Blue mug");
  });

  it("a refused signature (401) shows the marketplace's message", async () => {
    const message = "This request's signature is not valid or is older than five minutes. Reload the app.";
    stubFetch(() => json(401, { error: { code: "unauthorized:stripe_app_signature", message } }));
    const { wrapper } = await open();
    expect(wrapper).toContainComponent(Banner, { type: "critical", description: message });
  });

  it("without the BACKEND_URL constant: no request, and a message saying what is missing", async () => {
    const fetchMock = stubFetch(() => json(200, payment([order()])));
    const { wrapper } = await open("pi_123", { constants: null });
    expect(fetchMock).not.toHaveBeenCalled();
    expect(signature).not.toHaveBeenCalled();
    const banner = wrapper.find(Banner, { type: "critical" });
    expect(banner?.prop("description")).toContain("BACKEND_URL");
  });

  it("offers no refund for an order that is not succeeded or has nothing left to refund", async () => {
    stubFetch(() =>
      json(
        200,
        payment([
          order({ id: "ord_p", status: "processing" }),
          order({ id: "ord_r", refundable: money(0), refunded: money(2500) }),
        ]),
      ),
    );
    const { wrapper } = await open();
    expect(wrapper).toContainText("Processing");
    expect(button(wrapper, "Preview refund")).toBeNull();
  });
});
