import { beforeAll, describe, expect, it, vi } from "vitest";
import { setUserRole } from "@/db/queries/users";
import { cartCheckoutRow, paidCart } from "@/tests/helpers/cart-checkout";
import { shopWithProduct } from "@/tests/helpers/checkout";
import { createPaidOrder, type PaidOrder } from "@/tests/helpers/orders";
import { appCall, appRequest, linkedDashboardUser } from "@/tests/helpers/stripe-app";
import { createTestUser } from "@/tests/helpers/users";
import type { AppOrder, PaymentContext } from "@/stripe-app/src/contract";
import { GET, OPTIONS, POST } from "@/app/api/stripe-app/payment/route";

/*
 * The Stripe App's payment view asks /api/stripe-app/payment. Every request is signed as Stripe signs it
 * (the real SDK, the app's signing secret): only a fresh, untampered signature from a Dashboard user
 * linked to an admin, on the platform's account in the backend's mode, gets an answer.
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/browser-jar")).browserHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

const PATH = "/api/stripe-app/payment";
let paid: PaidOrder;
let adminUser: string;

beforeAll(async () => {
  paid = await createPaidOrder({ amount: 10_000, fee: 830, buyerEmail: "app-buyer@example.com" });
  adminUser = await linkedDashboardUser(await createTestUser("admin"));
});

const ask = async (options: Partial<Parameters<typeof appRequest>[1]> = {}) =>
  appCall(
    POST,
    await appRequest(PATH, { userId: adminUser, payload: { payment_id: paid.intent.id }, ...options }),
  );

describe("POST /api/stripe-app/payment: what the payment view shows", () => {
  it("answers a linked admin with the order the payment paid, figures as /admin shows them", async () => {
    const res = await ask();
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const body = res.body as unknown as PaymentContext;
    expect(body.paymentId).toBe(paid.intent.id);
    expect(body.orders).toHaveLength(1);
    const order = body.orders[0]!;
    expect(order).toMatchObject({
      id: paid.order.id,
      status: "succeeded",
      chargeModel: "direct",
      buyerEmail: "app-buyer@example.com",
      seller: { id: paid.seller.id, stripeAccountId: paid.account.stripeAccountId },
      product: { id: paid.product.id },
      quantity: paid.order.quantity,
      amount: { minor: 10_000, currency: "usd", text: "$100.00" },
      fee: { minor: 830, text: "$8.30" },
      sellerNet: { minor: 9_170, text: "$91.70" },
      refundable: { minor: 10_000, decimal: "100.00" },
      refunds: [],
      disputes: [],
    } satisfies Partial<Record<keyof AppOrder, unknown>>);
    expect(order.adminUrl).toMatch(new RegExp(`/admin/orders/${paid.order.id}$`));
  });

  it("finds the order by its charge id too (the Dashboard shows charges as payments)", async () => {
    const res = await ask({ payload: { payment_id: paid.charge.id } });
    expect((res.body as unknown as PaymentContext).orders.map((o) => o.id)).toEqual([paid.order.id]);
  });

  it("answers no orders for a payment that is not the marketplace's", async () => {
    const res = await ask({ payload: { payment_id: "pi_notours123" } });
    expect(res.status).toBe(200);
    expect((res.body as unknown as PaymentContext).orders).toEqual([]);
  });

  it("shows each seller's line of a cart paid on the platform", async () => {
    const alice = await shopWithProduct({ price: 2800 });
    const bob = await shopWithProduct({ price: 4500 });
    const cart = await paidCart([
      [alice.product.id, 1],
      [bob.product.id, 2],
    ]);
    const { paymentIntentId } = await cartCheckoutRow(cart.id);
    const res = await ask({ payload: { payment_id: paymentIntentId } });
    const lines = (res.body as unknown as PaymentContext).orders;
    expect(lines.map((l) => [l.seller.id, l.quantity, l.amount.minor]).sort()).toEqual(
      [
        [alice.seller.id, 1, 2800],
        [bob.seller.id, 2, 9000],
      ].sort(),
    );
    expect(lines.every((l) => l.chargeModel !== "direct")).toBe(true);
  });
});

describe("POST /api/stripe-app/payment: refusals", () => {
  const expectRefused = (res: Awaited<ReturnType<typeof ask>>, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect((res.body.error as { code: string }).code).toBe(code);
    expect(res.body).not.toHaveProperty("orders");
    // The view can read the refusal: errors carry CORS headers too.
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  };

  it("refuses a signature made with another secret (forged)", async () => {
    expectRefused(
      await ask({ secret: "absec_someone_elses_secret_0000" }),
      401,
      "unauthorized:stripe_app_signature",
    );
  });

  it("refuses a body other than the one signed (another payment, another user)", async () => {
    const signedFor = await appRequest(PATH, { userId: adminUser, payload: { payment_id: "pi_other" } });
    const signature = signedFor.headers.get("stripe-signature");
    expectRefused(
      await appCall(
        POST,
        await appRequest(PATH, { userId: adminUser, payload: { payment_id: paid.intent.id }, signature }),
      ),
      401,
      "unauthorized:stripe_app_signature",
    );
    const otherUser = await linkedDashboardUser(await createTestUser("admin"));
    const asOther = await appRequest(PATH, { userId: adminUser, payload: { payment_id: paid.intent.id } });
    expectRefused(
      await ask({ userId: otherUser, signature: asOther.headers.get("stripe-signature") }),
      401,
      "unauthorized:stripe_app_signature",
    );
  });

  it("refuses a stale signature (older than five minutes: a replay) and a missing one", async () => {
    expectRefused(
      await ask({ timestamp: Math.floor(Date.now() / 1000) - 301 }),
      401,
      "unauthorized:stripe_app_signature",
    );
    expectRefused(await ask({ signature: null }), 401, "unauthorized:stripe_app_signature");
  });

  it("refuses another Stripe account's Dashboard, even with a valid signature", async () => {
    expectRefused(
      await ask({ accountId: paid.account.stripeAccountId }),
      403,
      "forbidden:stripe_app_account",
    );
  });

  it("refuses the Dashboard in the other mode than the backend's", async () => {
    expectRefused(
      await ask({ payload: { mode: "live", payment_id: paid.intent.id } }),
      409,
      "conflict:stripe_app_mode",
    );
  });

  it("refuses a Dashboard user who is not linked, naming them so an admin can link them", async () => {
    const res = await ask({ userId: "usr_nobody1234" });
    expectRefused(res, 403, "forbidden:stripe_app_user");
    expect((res.body.error as { dashboardUserId: string }).dashboardUserId).toBe("usr_nobody1234");
  });

  it("refuses a user linked to a seller or a buyer, and an admin who lost the role", async () => {
    for (const role of ["seller", "buyer"] as const) {
      const user = await linkedDashboardUser(await createTestUser(role));
      expectRefused(await ask({ userId: user }), 403, "forbidden:stripe_app_user");
    }
    const former = await createTestUser("admin");
    const formerUser = await linkedDashboardUser(former);
    expect((await ask({ userId: formerUser })).status).toBe(200);
    await setUserRole({ id: former.id, role: "buyer" });
    expectRefused(await ask({ userId: formerUser }), 403, "forbidden:stripe_app_user");
  });

  it("refuses malformed, oversized, non-JSON bodies and unknown fields", async () => {
    const bad = (body: string, type = "application/json") =>
      appCall(
        POST,
        new Request(`http://localhost${PATH}`, {
          method: "POST",
          headers: { "content-type": type, "stripe-signature": "t=1,v1=00" },
          body,
        }),
      );
    expect((await bad("{not json")).status).toBe(400);
    expect((await bad("[1,2]")).status).toBe(400);
    expect((await bad(JSON.stringify({ pad: "x".repeat(20_000) }))).status).toBe(413);
    expect((await bad("user_id=1", "application/x-www-form-urlencoded")).status).toBe(415);
    const extra = await ask({ payload: { payment_id: paid.intent.id, drop: "table" } });
    expectRefused(extra, 422, "unprocessable:stripe_app");
    const wrongType = await ask({ payload: { payment_id: 42 } });
    expectRefused(wrongType, 422, "unprocessable:stripe_app");
  });

  it("answers the browser's preflight, and only POST", async () => {
    const res = OPTIONS();
    expect(res.status).toBe(204);
    const get = GET();
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST, OPTIONS");
    expect(((await get.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed:route");
    expect(res.headers.get("access-control-allow-headers")).toContain("Stripe-Signature");
  });
});
