import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { countOrdersForProduct } from "@/db/queries/orders";
import { startCheckoutAction } from "@/app/(shop)/checkout/[productId]/actions";
import { refundOrderAction } from "@/app/admin/orders/[id]/actions";
import { MONEY_LIMITS } from "@/lib/security/money-throttle";
import { actAs, formData } from "@/tests/helpers/action-request";
import { randomIp } from "@/tests/helpers/browser-request";
import { guestInput, paymentIntentsOn, shopWithProduct } from "@/tests/helpers/checkout";
import { createTestUser } from "@/tests/helpers/users";

/*
 * The money actions are limited per client address (and checkout per form), through the real server
 * actions, the real database counters and the emulator. Submits for a product that does not exist are
 * counted like any other (the limit comes before any lookup) and cost nothing, so they fill a window
 * cheaply. Only next/headers and next/cache are replaced (no request scope outside Next).
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/action-request")).nextHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

const unknownProduct = () => ({ id: randomUUID(), price: 1000, currency: "usd" });

describe("checkout submits per address and per form", () => {
  it("the defaults are 60 per address and 10 per form in 10 minutes", () => {
    expect(MONEY_LIMITS).toMatchObject({
      windowMs: 600_000,
      checkoutPerIp: 60,
      checkoutPerForm: 10,
      refundPerIp: 30,
    });
  });

  it("80 parallel submits from one address: exactly 60 are looked at; then a real checkout from it charges nothing, and another address still pays", async () => {
    const { account, product } = await shopWithProduct({ price: 1500 });
    const ip = randomIp();
    const answers = await Promise.all(
      Array.from({ length: 80 }, () =>
        actAs(null, () => startCheckoutAction(undefined, guestInput(unknownProduct())), { ip }),
      ),
    );
    const messages = answers.map((a) => a.message ?? "");
    expect(messages.filter((m) => m.startsWith("Too many payment attempts from your network.")).length).toBe(
      20,
    );
    expect(messages.filter((m) => !m.startsWith("Too many")).length).toBe(60);

    const refused = await actAs(null, () => startCheckoutAction(undefined, guestInput(product)), { ip });
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(
      /^Too many payment attempts from your network\. Nothing was charged or refunded\. Try again in (10|9) minutes\.$/,
    );
    expect(await countOrdersForProduct({ productId: product.id })).toBe(0);
    expect(await paymentIntentsOn(account)).toEqual([]);

    const elsewhere = await actAs(null, () => startCheckoutAction(undefined, guestInput(product)));
    expect(elsewhere).toMatchObject({ ok: true, data: { kind: "confirm" } });
    expect(await paymentIntentsOn(account)).toHaveLength(1);
  });

  it("one checkout form gets 10 submits (a buyer trying cards), then is refused even from new addresses", async () => {
    const { account, product } = await shopWithProduct({ price: 2000 });
    const form = guestInput(product, { quantity: 1 });
    for (let i = 0; i < MONEY_LIMITS.checkoutPerForm; i++) {
      const again = await actAs(null, () => startCheckoutAction(undefined, form));
      expect(again).toMatchObject({ ok: true, data: { kind: "confirm" } });
    }
    const refused = await actAs(null, () => startCheckoutAction(undefined, form));
    expect(refused).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^Too many payment attempts for this order\. Nothing was charged/,
      ) as unknown,
    });
    // The ten submits were one order with one PaymentIntent (same form, same key).
    expect(await countOrdersForProduct({ productId: product.id })).toBe(1);
    expect(await paymentIntentsOn(account)).toHaveLength(1);
  });
});

describe("refund confirmations per address", () => {
  it("30 confirmations from one address, then the 31st is refused with the admin's fields kept; previews are not counted", async () => {
    const admin = await createTestUser("admin");
    const ip = randomIp();
    const confirm = (orderId: string) =>
      formData({
        orderId,
        amount: "5.00",
        reason: "requested_by_customer",
        refundApplicationFee: "on",
        note: "box arrived crushed",
        intent: "confirm",
        token: "x",
      });
    for (let i = 0; i < MONEY_LIMITS.refundPerIp; i++) {
      const state = await actAs(admin, () => refundOrderAction(undefined, confirm(randomUUID())), { ip });
      expect(state.message ?? "").not.toMatch(/^Too many/);
    }
    const preview = await actAs(
      admin,
      () =>
        refundOrderAction(
          undefined,
          formData({ orderId: randomUUID(), amount: "5.00", reason: "duplicate", intent: "preview" }),
        ),
      { ip },
    );
    expect(preview.message ?? "").not.toMatch(/^Too many/);

    const refused = await actAs(admin, () => refundOrderAction(undefined, confirm(randomUUID())), { ip });
    expect(refused).toEqual({
      ok: false,
      status: "error",
      message: expect.stringMatching(
        /^Too many refunds from your network\. Nothing was charged or refunded\. Try again in (10|9) minutes\.$/,
      ) as unknown,
      values: {
        amount: "5.00",
        reason: "requested_by_customer",
        refundApplicationFee: true,
        note: "box arrived crushed",
      },
    });
  });
});
