import { beforeEach, describe, expect, it, vi } from "vitest";
import { render } from "@stripe/ui-extension-sdk/testing";
import { Banner, Checkbox, Select, TextArea, TextField } from "@stripe/ui-extension-sdk/ui";
import { fetchStripeSignature } from "@stripe/ui-extension-sdk/utils";
import { signedPayload, type RefundAnswer } from "../contract";
import { money, order, payment } from "../test/fixtures";
import {
  button,
  DASHBOARD_USER,
  json,
  PLATFORM_ACCOUNT,
  SIGNATURE,
  sentBody,
  settle,
  stubFetch,
  viewProps,
} from "../test/backend";
import PaymentDetailView from "../views/PaymentDetailView";

vi.mock("@stripe/ui-extension-sdk/utils", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@stripe/ui-extension-sdk/utils")>()),
  fetchStripeSignature: vi.fn(),
}));

const signature = vi.mocked(fetchStripeSignature);

beforeEach(() => {
  signature.mockResolvedValue(SIGNATURE);
});

const PREVIEW: RefundAnswer = {
  status: "preview",
  preview: {
    text: "Refund $10.00 to buyer@example.com. Ada's Pottery gives back $10.00; the fee of $1.00 is returned to them.",
    token: "rpt_abc",
  },
};

async function openPayment(...answers: (() => Response | Promise<Response>)[]) {
  const fetchMock = stubFetch(...answers);
  const { wrapper, update } = render(<PaymentDetailView {...viewProps("pi_123", "payment_intent")} />);
  await settle(update);
  return { fetchMock, wrapper, update };
}

const amountField = (wrapper: ReturnType<typeof render>["wrapper"]) =>
  wrapper.find(TextField, { label: "Amount to refund (USD)" });

describe("refund on the seller's behalf", () => {
  it("is prefilled with what can be refunded and the platform's fee policy", async () => {
    const { wrapper } = await openPayment(() =>
      json(200, payment([order({ refundable: money(1500), refundFeeByDefault: false })])),
    );
    expect(amountField(wrapper)).toHaveProps({ value: "15.00", description: "Up to $15.00" });
    expect(wrapper.find(Select, { label: "Reason" })).toHaveProps({ value: "requested_by_customer" });
    expect(wrapper.find(Checkbox, { label: "Return the platform fee to the seller" })).toHaveProps({
      checked: false,
    });
  });

  it("prefills a zero-decimal currency's amount without decimals", async () => {
    const yen = order({ amount: money(5000, "jpy"), refundable: money(5000, "jpy") });
    const { wrapper } = await openPayment(() => json(200, payment([yen])));
    expect(wrapper.find(TextField, { label: "Amount to refund (JPY)" })).toHaveProps({ value: "5000" });
  });

  it("previews, then confirms exactly what was previewed with its token, and reloads the payment", async () => {
    const refunded = order({ refunded: money(1000), refundable: money(1500), sellerNet: money(1350) });
    const { fetchMock, wrapper, update } = await openPayment(
      () => json(200, payment([order()])),
      () => json(200, PREVIEW),
      () =>
        json(200, {
          status: "done",
          message: "Refunded $10.00 to buyer@example.com.",
          refundStatus: "succeeded",
        }),
      () => json(200, payment([refunded])),
    );

    amountField(wrapper)!.trigger("onChange", { target: { value: "10.00" } });
    wrapper.find(Select, { label: "Reason" })!.trigger("onChange", { target: { value: "duplicate" } });
    wrapper.find(TextArea)!.trigger("onChange", { target: { value: "Charged twice" } });
    expect(button(wrapper, "Confirm refund")).toBeNull();
    button(wrapper, "Preview refund")!.trigger("onPress");
    await settle(update);

    const previewBody = {
      order_id: "ord_1",
      amount: "10.00",
      reason: "duplicate",
      refund_application_fee: true,
      note: "Charged twice",
      intent: "preview",
    };
    expect(fetchMock.mock.calls[1]![0]).toBe("https://market.example.com/api/stripe-app/refund");
    expect(fetchMock.mock.calls[1]![1]?.body).toBe(
      signedPayload(DASHBOARD_USER, PLATFORM_ACCOUNT, { mode: "test", ...previewBody }),
    );
    expect(signature).toHaveBeenLastCalledWith({ mode: "test", ...previewBody });
    expect(wrapper).toContainText(PREVIEW.preview!.text);

    button(wrapper, "Confirm refund")!.trigger("onPress");
    await settle(update);

    expect(sentBody(fetchMock, 2)).toEqual({
      user_id: DASHBOARD_USER,
      account_id: PLATFORM_ACCOUNT,
      mode: "test",
      ...previewBody,
      intent: "confirm",
      token: "rpt_abc",
    });
    expect(wrapper.find(Banner, { title: "Refund made" })).toHaveProps({
      description: "Refunded $10.00 to buyer@example.com.",
    });
    // The payment is asked for again and its new figures shown; the form offers what is left.
    expect(fetchMock).toHaveBeenCalledTimes(4);
    expect(sentBody(fetchMock, 3)).toMatchObject({ payment_id: "pi_123" });
    expect(wrapper).toContainText("Refunded$10.00");
    expect(amountField(wrapper)).toHaveProps({ value: "15.00" });
    expect(button(wrapper, "Confirm refund")).toBeNull();
  });

  it("a refund Stripe holds as pending is announced as accepted, not made", async () => {
    const pending =
      "Refund of $10.00 accepted by Stripe and pending: the seller's Stripe balance cannot cover it yet.";
    const { wrapper, update } = await openPayment(
      () => json(200, payment([order()])),
      () => json(200, PREVIEW),
      () => json(200, { status: "done", message: pending, refundStatus: "pending" }),
      () => json(200, payment([order()])),
    );
    button(wrapper, "Preview refund")!.trigger("onPress");
    await settle(update);
    button(wrapper, "Confirm refund")!.trigger("onPress");
    await settle(update);

    expect(wrapper.find(Banner, { title: "Refund accepted, pending" })).toHaveProps({ description: pending });
    expect(wrapper.find(Banner, { title: "Refund made" })).toBeNull();
  });

  it("a confirmation the marketplace answers with new figures refunds nothing and shows them to confirm again", async () => {
    const changed: RefundAnswer = {
      status: "preview",
      message: "This order changed since your preview (another refund was made), so nothing was refunded.",
      preview: {
        text: "Refund $10.00 to buyer@example.com. Ada's Pottery gives back $9.00.",
        token: "rpt_new",
      },
    };
    const { fetchMock, wrapper, update } = await openPayment(
      () => json(200, payment([order()])),
      () => json(200, PREVIEW),
      () => json(200, changed),
    );
    button(wrapper, "Preview refund")!.trigger("onPress");
    await settle(update);
    button(wrapper, "Confirm refund")!.trigger("onPress");
    await settle(update);

    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(wrapper).toContainComponent(Banner, { type: "critical", description: changed.message });
    expect(wrapper).toContainText(changed.preview!.text);
    expect(wrapper.find(Banner, { title: "Refund made" })).toBeNull();
    expect(button(wrapper, "Confirm refund")).not.toBeNull();
  });

  it("a refusal with field errors keeps what was typed and shows each error next to its field", async () => {
    const refusal: RefundAnswer = {
      status: "error",
      message: "The refund was not made.",
      fieldErrors: {
        amount: ["At most $25.00 can be refunded."],
        note: ["Keep the note under 500 characters."],
      },
    };
    const { fetchMock, wrapper, update } = await openPayment(
      () => json(200, payment([order()])),
      () => json(422, refusal),
    );
    amountField(wrapper)!.trigger("onChange", { target: { value: "99.99" } });
    wrapper.find(Checkbox)!.trigger("onChange", { target: { checked: false } });
    button(wrapper, "Preview refund")!.trigger("onPress");
    await settle(update);

    expect(sentBody(fetchMock, 1)).toMatchObject({ amount: "99.99", refund_application_fee: false });
    expect(amountField(wrapper)).toHaveProps({
      value: "99.99",
      error: "At most $25.00 can be refunded.",
      invalid: true,
    });
    expect(wrapper.find(TextArea)).toHaveProps({ error: "Keep the note under 500 characters." });
    expect(wrapper.find(Checkbox)).toHaveProps({ checked: false });
    expect(wrapper).toContainComponent(Banner, { type: "critical", description: "The refund was not made." });
    expect(button(wrapper, "Confirm refund")).toBeNull();
  });

  it("changing the amount or the fee after a preview drops the preview: it must be previewed again", async () => {
    const { fetchMock, wrapper, update } = await openPayment(
      () => json(200, payment([order()])),
      () => json(200, PREVIEW),
    );
    button(wrapper, "Preview refund")!.trigger("onPress");
    await settle(update);
    expect(button(wrapper, "Confirm refund")).not.toBeNull();

    amountField(wrapper)!.trigger("onChange", { target: { value: "12.00" } });
    expect(button(wrapper, "Confirm refund")).toBeNull();
    expect(wrapper).not.toContainText(PREVIEW.preview!.text);

    button(wrapper, "Preview refund")!.trigger("onPress");
    await settle(update);
    expect(sentBody(fetchMock, 2)).toMatchObject({ amount: "12.00", intent: "preview" });
    expect(button(wrapper, "Confirm refund")).not.toBeNull();

    wrapper.find(Checkbox)!.trigger("onChange", { target: { checked: false } });
    expect(button(wrapper, "Confirm refund")).toBeNull();
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it("a refused confirmation shows why, keeps the fields and asks for a new preview", async () => {
    const { wrapper, update } = await openPayment(
      () => json(200, payment([order()])),
      () => json(200, PREVIEW),
      () =>
        json(409, {
          error: {
            code: "conflict:refund_preview",
            message: "The order changed since the preview. Preview again.",
          },
        }),
    );
    amountField(wrapper)!.trigger("onChange", { target: { value: "10.00" } });
    button(wrapper, "Preview refund")!.trigger("onPress");
    await settle(update);
    button(wrapper, "Confirm refund")!.trigger("onPress");
    await settle(update);

    expect(wrapper).toContainComponent(Banner, {
      type: "critical",
      description: "The order changed since the preview. Preview again.",
    });
    expect(amountField(wrapper)).toHaveProps({ value: "10.00" });
    expect(button(wrapper, "Confirm refund")).toBeNull();
    expect(wrapper).not.toContainComponent(Banner, { title: "Refund made" });
  });

  it("while a request is on its way, the form is disabled and a second press sends nothing", async () => {
    let answer: (response: Response) => void = () => {};
    const { fetchMock, wrapper, update } = await openPayment(
      () => json(200, payment([order()])),
      () => new Promise<Response>((resolve) => (answer = resolve)),
    );
    button(wrapper, "Preview refund")!.trigger("onPress");
    button(wrapper, "Preview refund")!.trigger("onPress");
    await update();
    expect(button(wrapper, "Preview refund")).toHaveProps({ pending: true, disabled: true });
    expect(amountField(wrapper)).toHaveProps({ disabled: true });

    answer(json(200, PREVIEW));
    await settle(update);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(amountField(wrapper)).toHaveProps({ disabled: false });
    expect(button(wrapper, "Confirm refund")).not.toBeNull();
  });

  it("a Dashboard user not linked to an admin is told so by the form, which keeps its fields", async () => {
    const { wrapper, update } = await openPayment(
      () => json(200, payment([order()])),
      () =>
        json(403, {
          error: { code: "forbidden:stripe_app_user", message: "Not linked.", dashboardUserId: "usr_other" },
        }),
    );
    amountField(wrapper)!.trigger("onChange", { target: { value: "3.00" } });
    button(wrapper, "Preview refund")!.trigger("onPress");
    await settle(update);
    const banner = wrapper.find(Banner, {
      title: "Your Dashboard user is not linked to a marketplace admin",
    });
    expect(banner?.prop("description")).toContain("usr_other");
    expect(amountField(wrapper)).toHaveProps({ value: "3.00" });
  });
});
