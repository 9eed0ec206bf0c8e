import { describe, expect, it } from "vitest";
import { getProductById } from "@/db/queries/products";
import { sellerWithExpressAccount } from "@/tests/helpers/connect";
import { testStripe } from "@/tests/helpers/emulator";
import { createTestUser } from "@/tests/helpers/users";
import { minimumPrice, settlementCurrencyFor } from "@/lib/products/minimum-price";
import {
  createSellerProduct,
  PRODUCT_CURRENCIES,
  updateSellerProduct,
  type ProductInput,
} from "@/lib/products/seller-products";
import { refusal } from "@/tests/helpers/errors";

/*
 * Stripe ("Minimum and maximum charge amounts") refuses a charge that does not convert to at least the
 * minimum of the seller's settlement currency. A seller must not be able to list a product that could
 * never be bought: the price is checked against the seller's account currency, with a clear message.
 */

const mug = (price: number, currency: ProductInput["currency"]): ProductInput => ({
  name: "Mug",
  description: "",
  price,
  currency,
});

describe("minimumPrice: Stripe's minimum after conversion, with headroom", () => {
  it("is Stripe's own minimum in the account's currency, and more for other currencies", () => {
    expect(minimumPrice("usd", "usd")).toBe(50);
    expect(minimumPrice("gbp", "gbp")).toBe(30);
    // $0.50 ≈ A$0.81 at the table's rate; +10% headroom → A$0.89.
    expect(minimumPrice("aud", "usd")).toBe(89);
    // Never under the product currency's own minimum: 30 pence ≈ €0.36, but EUR needs €0.50.
    expect(minimumPrice("eur", "gbp")).toBe(50);
    expect(settlementCurrencyFor("US")).toBe("usd");
    expect(settlementCurrencyFor("FR")).toBe("eur");
    expect(settlementCurrencyFor("AU")).toBe("aud");
  });
});

describe("a seller's price must clear the minimum for their account's currency", () => {
  it("a US seller cannot list a product at AUD 0.50 (≈ USD 0.31) and is told the lowest price that works", async () => {
    const seller = await createTestUser("seller", { country: "US" });
    const error = await refusal(createSellerProduct(seller, mug(50, "aud")));
    expect(error.code).toBe("unprocessable:product");
    const message =
      "The price must be at least 0.89 AUD for your Stripe account, which is paid out in USD: Stripe refuses payments worth less than 0.50 USD after conversion (this minimum leaves some room for exchange rates).";
    expect(error.fieldErrors).toEqual({ price: [message] });
    expect(error.message).toBe(message);
    await expect(createSellerProduct(seller, mug(89, "aud"))).resolves.toMatchObject({
      price: 89,
      currency: "aud",
    });
    // Its own currency's minimum is enough.
    await expect(createSellerProduct(seller, mug(50, "usd"))).resolves.toMatchObject({ price: 50 });
  });

  it("the account's country decides, and an edit under the minimum is refused and changes nothing", async () => {
    const seller = await createTestUser("seller", { country: "GB" });
    await sellerWithExpressAccount(seller, { onboarded: true });
    const product = await createSellerProduct(seller, mug(30, "gbp"));
    const error = await refusal(updateSellerProduct(seller, product.id, mug(50, "cad")));
    expect(error.fieldErrors?.price?.[0]).toMatch(
      /^The price must be at least 0\.60 CAD for your Stripe account, which is paid out in GBP/,
    );
    expect(await getProductById({ id: product.id })).toMatchObject({ price: 30, currency: "gbp" });
  });

  it.each(["US", "GB", "FR", "CA", "AU"])(
    "every minimum the app accepts for a %s seller is a payment the offline Stripe accepts on their account",
    async (country) => {
      const seller = await createTestUser("seller", { country });
      const account = await sellerWithExpressAccount(seller, { onboarded: true });
      const stripeAccount = await testStripe().accounts.retrieve(account.stripeAccountId);
      expect(stripeAccount.default_currency).toBe(settlementCurrencyFor(country));
      for (const currency of PRODUCT_CURRENCIES) {
        const product = await createSellerProduct(
          seller,
          mug(minimumPrice(currency, settlementCurrencyFor(country)), currency),
        );
        const intent = await testStripe().paymentIntents.create(
          { amount: product.price, currency, automatic_payment_methods: { enabled: true } },
          { stripeAccount: account.stripeAccountId },
        );
        expect(intent.amount).toBe(product.price);
      }
    },
  );
});
