import { describe, expect, it } from "vitest";
import { countOrdersForProduct, getOrderById } from "@/db/queries/orders";
import type { AppError } from "@/lib/errors";
import { startCheckout, type CheckoutInput } from "@/lib/payments/checkout";
import { setCaptureLater } from "@/tests/helpers/capture";
import { confirmOf, guestInput, paymentIntentsOn, shopWithProduct } from "@/tests/helpers/checkout";
import { testStripe } from "@/tests/helpers/emulator";

/*
 * Honest terms: a buyer whose page said "charged when it ships" is never charged at once, and a buyer
 * told they pay now never gets a mere authorisation they did not expect. The seller flips the product's
 * "Charge when I ship" between the page and Pay; the emulator and the database say what happened.
 */

async function refusal(input: CheckoutInput): Promise<AppError> {
  return startCheckout(null, input).then(
    () => {
      throw new Error("checkout was not refused");
    },
    (e: unknown) => e as AppError,
  );
}

describe("startCheckout keeps the terms the page showed", () => {
  it("refuses a product switched to 'charge when I ship' after the page said 'pay now', writing nothing", async () => {
    const { account, product } = await shopWithProduct({ price: 1_500 });
    const input = guestInput(product, { quantity: 2, shownCaptureLater: false });
    await setCaptureLater(product.id, true);

    const error = await refusal(input);
    expect(error.code).toBe("conflict:checkout_terms");
    expect(error.message).toContain("now charges this product when it ships");
    expect(error.message).toContain("Nothing was charged");
    expect(await countOrdersForProduct({ productId: product.id })).toBe(0);
    expect(await paymentIntentsOn(account)).toEqual([]);

    // The reloaded page shows the new terms: the same submit with them authorises only.
    const paid = confirmOf(await startCheckout(null, { ...input, shownCaptureLater: true }));
    const order = await getOrderById({ id: paid.orderId });
    expect(order?.captureMethod).toBe("manual");
    const intent = await testStripe().paymentIntents.retrieve(
      order?.paymentIntentId ?? "",
      {},
      { stripeAccount: account.stripeAccountId },
    );
    expect(intent.capture_method).toBe("manual");
    expect(intent.amount).toBe(3_000);
  });

  it("refuses a product switched back to 'pay now' after the page said 'charged when it ships'", async () => {
    const { account, product } = await shopWithProduct({ price: 1_500 });
    await setCaptureLater(product.id, true);
    const input = guestInput(product, { shownCaptureLater: true });
    await setCaptureLater(product.id, false);

    const error = await refusal(input);
    expect(error.code).toBe("conflict:checkout_terms");
    expect(error.message).toContain("now charges this product at checkout");
    expect(await countOrdersForProduct({ productId: product.id })).toBe(0);
    expect(await paymentIntentsOn(account)).toEqual([]);
  });

  it("a retried order keeps the terms it was created with, whatever the product says now", async () => {
    const { account, product } = await shopWithProduct({ price: 1_500 });
    await setCaptureLater(product.id, true);
    const input = guestInput(product, { shownCaptureLater: true });
    const first = confirmOf(await startCheckout(null, input));
    await setCaptureLater(product.id, false);

    // Same form again (a declined card's retry): the order was made "charge when I ship" and stays so.
    const again = confirmOf(await startCheckout(null, input));
    expect(again.orderId).toBe(first.orderId);
    expect(await paymentIntentsOn(account)).toHaveLength(1);
    // A form claiming the order charges now is refused: that is not what the order is.
    const error = await refusal({ ...input, shownCaptureLater: false });
    expect(error.code).toBe("conflict:checkout_terms");
  });

  it("refuses a shownCaptureLater that is not a boolean as an expired form", () => {
    expect(() =>
      guestInput({ id: crypto.randomUUID(), price: 100, currency: "usd" }, { shownCaptureLater: "yes" }),
    ).toThrow(/expired/);
  });
});
