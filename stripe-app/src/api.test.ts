import { beforeEach, describe, expect, it, vi } from "vitest";
import { fetchStripeSignature } from "@stripe/ui-extension-sdk/utils";
import { backendUrl, callBackend, CLIENT_ERRORS } from "./api";
import { signedPayload, STRIPE_APP_ROUTES } from "./contract";
import { payment, order } from "./test/fixtures";
import {
  BACKEND_URL,
  DASHBOARD_USER,
  json,
  PLATFORM_ACCOUNT,
  SIGNATURE,
  stubFetch,
  viewProps,
} from "./test/backend";

vi.mock("@stripe/ui-extension-sdk/utils", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@stripe/ui-extension-sdk/utils")>()),
  fetchStripeSignature: vi.fn(),
}));

const signature = vi.mocked(fetchStripeSignature);

beforeEach(() => {
  signature.mockResolvedValue(SIGNATURE);
});

describe("callBackend", () => {
  it("signs the payload with the Dashboard's mode and POSTs exactly what Stripe signed", async () => {
    const fetchMock = stubFetch(() => json(200, payment([order()])));
    const result = await callBackend(viewProps("pi_123", "payment_intent"), "payment", {
      payment_id: "pi_123",
    });

    expect(result).toEqual({ ok: true, status: 200, data: payment([order()]) });
    const payload = { mode: "test", payment_id: "pi_123" };
    expect(signature).toHaveBeenCalledTimes(1);
    expect(signature).toHaveBeenCalledWith(payload);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe(`${BACKEND_URL}${STRIPE_APP_ROUTES.payment}`);
    expect(url).toBe("https://market.example.com/api/stripe-app/payment");
    expect(init?.method).toBe("POST");
    expect(init?.headers).toEqual({ "Content-Type": "application/json", "Stripe-Signature": SIGNATURE });
    expect(init?.body).toBe(signedPayload(DASHBOARD_USER, PLATFORM_ACCOUNT, payload));
    expect(JSON.parse(init?.body as string)).toEqual({
      user_id: DASHBOARD_USER,
      account_id: PLATFORM_ACCOUNT,
      mode: "test",
      payment_id: "pi_123",
    });
  });

  it("sends live mode from a live Dashboard, and tolerates a trailing slash in BACKEND_URL", async () => {
    const fetchMock = stubFetch(() => json(200, payment([])));
    const props = viewProps("pi_9", "payment_intent", {
      mode: "live",
      constants: { BACKEND_URL: `${BACKEND_URL}/` },
    });
    await callBackend(props, "payment", { payment_id: "pi_9" });

    expect(fetchMock.mock.calls[0]![0]).toBe(`${BACKEND_URL}/api/stripe-app/payment`);
    expect(signature).toHaveBeenCalledWith({ mode: "live", payment_id: "pi_9" });
    expect(fetchMock.mock.calls[0]![1]?.body).toBe(
      signedPayload(DASHBOARD_USER, PLATFORM_ACCOUNT, { mode: "live", payment_id: "pi_9" }),
    );
  });

  it("without the BACKEND_URL constant: no signature, no request, an error that says what to set", async () => {
    const fetchMock = stubFetch(() => json(200, {}));
    const missing: (Record<string, string> | null)[] = [
      null,
      { OTHER: "x" },
      { BACKEND_URL: "" },
      { BACKEND_URL: "market.example.com" },
    ];
    for (const constants of missing) {
      const result = await callBackend(viewProps("pi_1", "payment_intent", { constants }), "payment", {
        payment_id: "pi_1",
      });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.status).toBe(0);
      expect(result.error.code).toBe(CLIENT_ERRORS.backendUrl);
      expect(result.error.message).toContain("BACKEND_URL");
      expect(result.error.message).toContain("stripe-app.json");
    }
    expect(fetchMock).not.toHaveBeenCalled();
    expect(signature).not.toHaveBeenCalled();
  });

  it("returns the marketplace's refusal as it said it, with the Dashboard user to link", async () => {
    const refusal = {
      error: {
        code: "forbidden:stripe_app_user",
        message: "The Stripe Dashboard user usr_admin1 is not linked to a marketplace admin.",
        dashboardUserId: DASHBOARD_USER,
      },
    };
    stubFetch(() => json(403, refusal));
    const result = await callBackend(viewProps("pi_1", "payment_intent"), "payment", { payment_id: "pi_1" });
    expect(result).toEqual({ ok: false, status: 403, error: refusal.error, body: refusal });
  });

  it("a network failure or an answer without JSON becomes a readable message", async () => {
    stubFetch(
      () => Promise.reject(new TypeError("fetch failed")),
      () => new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }),
      () => new Response("not json", { status: 200 }),
    );
    const props = viewProps("pi_1", "payment_intent");
    const network = await callBackend(props, "payment", { payment_id: "pi_1" });
    const gateway = await callBackend(props, "payment", { payment_id: "pi_1" });
    const garbled = await callBackend(props, "payment", { payment_id: "pi_1" });

    expect(network).toMatchObject({ ok: false, status: 0, error: { code: CLIENT_ERRORS.network } });
    expect(!network.ok && network.error.message).toContain(
      "Could not reach the marketplace at https://market.example.com",
    );
    expect(!network.ok && network.error.message).toContain("fetch failed");
    expect(gateway).toMatchObject({ ok: false, status: 502, error: { code: "http_502" } });
    expect(!gateway.ok && gateway.error.message).toContain("502 Bad Gateway");
    expect(garbled).toMatchObject({ ok: false, status: 200, error: { code: CLIENT_ERRORS.badAnswer } });
  });

  it("when Stripe cannot sign, nothing is sent", async () => {
    const fetchMock = stubFetch(() => json(200, {}));
    signature.mockRejectedValueOnce(new Error("signing is unavailable"));
    const result = await callBackend(viewProps("pi_1", "payment_intent"), "payment", { payment_id: "pi_1" });
    expect(result).toMatchObject({ ok: false, status: 0, error: { code: CLIENT_ERRORS.signature } });
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe("backendUrl", () => {
  it("reads BACKEND_URL from the manifest's constants", () => {
    expect(backendUrl(viewProps("x", "y").environment)).toBe(BACKEND_URL);
    expect(
      backendUrl(
        viewProps("x", "y", { constants: { BACKEND_URL: " http://localhost:3000// " } }).environment,
      ),
    ).toBe("http://localhost:3000");
    expect(backendUrl(viewProps("x", "y", { constants: null }).environment)).toBeNull();
  });
});
