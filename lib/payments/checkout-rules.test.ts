import { describe, expect, it } from "vitest";
import {
  CHECKOUT_REFUSALS,
  MAX_CHARGE_AMOUNT,
  mayBuy,
  quantityField,
  requireShownPrice,
} from "./checkout-rules";

const account: { chargesEnabled: boolean; disconnectedAt: Date | null; stripeAccountId: string } = {
  chargesEnabled: true,
  disconnectedAt: null,
  stripeAccountId: "acct_1",
};
const product = { active: true, sellerId: "seller", price: 1000 };
const buyer = { id: "buyer" };

describe("mayBuy", () => {
  it("lets a buyer buy an active product from a seller who can charge, and hands back the account", () => {
    expect(mayBuy({ buyer, product, account, quantity: 2 })).toEqual({ ok: true, account });
    expect(mayBuy({ buyer: null, product, account, quantity: 2 })).toEqual({ ok: true, account });
  });

  it.each([
    ["an inactive product", { product: { ...product, active: false } }, CHECKOUT_REFUSALS.unavailable],
    ["no account", { account: null }, CHECKOUT_REFUSALS.seller],
    ["charges disabled", { account: { ...account, chargesEnabled: false } }, CHECKOUT_REFUSALS.seller],
    [
      "a disconnected seller",
      { account: { ...account, disconnectedAt: new Date() } },
      CHECKOUT_REFUSALS.seller,
    ],
    ["the seller's own product", { buyer: { id: "seller" } }, CHECKOUT_REFUSALS.ownProduct],
    ["more than one charge", { quantity: MAX_CHARGE_AMOUNT / 1000 + 1 }, CHECKOUT_REFUSALS.tooLarge],
  ])("refuses %s", (_name, change, refusal) => {
    expect(mayBuy({ buyer, product, account, quantity: 1, ...change })).toEqual({ ok: false, refusal });
  });

  it("pays an existing order again whatever the product became, unless canceled or the seller cannot charge", () => {
    const gone = { ...product, active: false, price: 99 };
    expect(mayBuy({ buyer, product: gone, account, order: { status: "failed" } })).toEqual({
      ok: true,
      account,
    });
    expect(mayBuy({ buyer, product, account, order: { status: "canceled" } })).toEqual({
      ok: false,
      refusal: CHECKOUT_REFUSALS.canceled,
    });
    expect(mayBuy({ buyer, product, account: null, order: { status: "failed" } })).toEqual({
      ok: false,
      refusal: CHECKOUT_REFUSALS.seller,
    });
  });
});

describe("quantityField", () => {
  it("accepts whole numbers from 1 to 99 and refuses the rest in the rules' words", () => {
    expect(quantityField.parse("3")).toBe(3);
    expect(quantityField.parse(" 4 ")).toBe(4);
    expect(quantityField.parse(5)).toBe(5);
    // Not a quantity whatever a coercion would make of it (true would have been 1, [] 0, [7] 7).
    for (const bad of ["0", "100", "1.5", "abc", "", " ", true, false, null, [7], {}]) {
      expect(quantityField.safeParse(bad).error?.issues[0]?.message).toBe(CHECKOUT_REFUSALS.quantity.message);
    }
  });
});

describe("requireShownPrice", () => {
  const current = { unitAmount: 1000, quantity: 2, amount: 2000, currency: "usd" };
  it("passes the price shown and refuses any other, naming both", () => {
    const input = { quantity: 2, shownUnitAmount: 1000, shownAmount: 2000, shownCurrency: "usd" };
    expect(() => requireShownPrice(input, current)).not.toThrow();
    expect(() => requireShownPrice({ ...input, shownUnitAmount: 900, shownAmount: 1800 }, current)).toThrow(
      /The price changed from \$9\.00 to \$10\.00 each \(\$20\.00 for 2\)/,
    );
  });
});
