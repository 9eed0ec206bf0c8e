import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { countOrdersForProduct } from "@/db/queries/orders";
import type { ConnectedAccount, Product, User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import {
  createTestProduct,
  createTestSeller,
  deactivateProduct,
  disconnectAccount,
  guestInput,
  paymentIntentsOn,
  shopWithProduct,
} from "@/tests/helpers/checkout";
import { createCallers, createTestUser } from "@/tests/helpers/users";
import { startCheckout, type CheckoutInput } from "@/lib/payments/checkout";

/*
 * Every refusal of startCheckout, given input the action parsed. Fields the schema refuses, and proof
 * that the client cannot price an order, are the action's: app/(shop)/checkout/[productId]/actions-input.test.ts.
 */

let callers: Awaited<ReturnType<typeof createCallers>>;

beforeAll(async () => {
  callers = await createCallers();
});

describe("startCheckout: refusals write nothing", () => {
  async function expectRefusal(
    actor: User | null,
    input: CheckoutInput,
    code: string,
    product: Product,
    account: ConnectedAccount,
  ) {
    const error = await startCheckout(actor, input).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect((error as AppError).message.length).toBeGreaterThan(10);
    expect(await countOrdersForProduct({ productId: product.id })).toBe(0);
    expect(await paymentIntentsOn(account)).toHaveLength(0);
    return error as AppError;
  }

  it("refuses an unknown or inactive product", async () => {
    const { account, product } = await shopWithProduct();
    await expectRefusal(
      callers.anonymous,
      guestInput(product, { productId: randomUUID() }),
      "not_found:checkout_product",
      product,
      account,
    );
    await deactivateProduct(product.id);
    await expectRefusal(
      callers.anonymous,
      guestInput(product),
      "not_found:checkout_product",
      product,
      account,
    );
  });

  it("refuses a seller whose account cannot charge, or is disconnected", async () => {
    const notOnboarded = await shopWithProduct({ onboarded: false });
    expect(notOnboarded.account.chargesEnabled).toBe(false);
    await expectRefusal(
      callers.buyer,
      guestInput(notOnboarded.product),
      "unprocessable:checkout_seller",
      notOnboarded.product,
      notOnboarded.account,
    );

    const disconnected = await shopWithProduct();
    await disconnectAccount(disconnected.account.stripeAccountId);
    await expectRefusal(
      callers.buyer,
      guestInput(disconnected.product),
      "unprocessable:checkout_seller",
      disconnected.product,
      disconnected.account,
    );

    const noAccount = await createTestProduct((await createTestUser("seller")).id);
    await expect(startCheckout(callers.buyer, guestInput(noAccount))).rejects.toMatchObject({
      code: "unprocessable:checkout_seller",
    });
    expect(await countOrdersForProduct({ productId: noAccount.id })).toBe(0);
  });

  it("refuses a seller buying from their own account", async () => {
    const { seller, account, product } = await shopWithProduct({ seller: callers.sellerA });
    await expectRefusal(seller, guestInput(product), "forbidden:checkout_own_product", product, account);
  });

  it("refuses a guest without a valid email", async () => {
    const { account, product } = await shopWithProduct();
    const missing = await expectRefusal(
      callers.anonymous,
      guestInput(product, { email: undefined }),
      "unprocessable:checkout_email",
      product,
      account,
    );
    expect(missing.fieldErrors?.email).toBeDefined();
    // Blank is missing once parsed; a malformed email is the schema's refusal (actions-input.test.ts).
    for (const email of ["", "   "]) {
      const error = await expectRefusal(
        callers.anonymous,
        guestInput(product, { email }),
        "unprocessable:checkout_email",
        product,
        account,
      );
      expect(error.fieldErrors?.email).toBeDefined();
    }
  });

  it("refuses an order larger than one Stripe charge", async () => {
    const { account, product } = await shopWithProduct({ price: 5_000_000 });
    await expectRefusal(
      callers.anonymous,
      guestInput(product, { quantity: 20 }),
      "unprocessable:checkout_amount",
      product,
      account,
    );
  });

  it("refuses an amount below Stripe's minimum for the currency, keeping no order", async () => {
    const { account, product } = await shopWithProduct({ price: 10 });
    const error = await expectRefusal(
      callers.anonymous,
      guestInput(product, { quantity: 2 }),
      "unprocessable:checkout_amount",
      product,
      account,
    );
    expect(error.message).toMatch(/minimum/);
  });

  it("keeps no order when Stripe refuses the PaymentIntent", async () => {
    const { seller, account } = await createTestSeller();
    const product = await createTestProduct(seller.id, { currency: "xyz" });
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expectRefusal(callers.buyer, guestInput(product), "stripe:checkout", product, account);
    // Stripe's raw message is logged for us, never shown to the buyer.
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});
