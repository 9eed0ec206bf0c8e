import { beforeAll, describe, expect, it } from "vitest";
import { getConnectedCustomerId } from "@/db/queries/customers";
import { countOrdersForProduct, getOrderById } from "@/db/queries/orders";
import type { AppError } from "@/lib/errors";
import { startCheckout, type CheckoutInput } from "@/lib/payments/checkout";
import { removeCard } from "@/lib/wallet/cards";
import { expectedFee, guestInput, paymentIntentsOn, shopWithProduct } from "@/tests/helpers/checkout";
import { testStripe } from "@/tests/helpers/emulator";
import { createTestUser } from "@/tests/helpers/users";
import { saveTestCard } from "@/tests/helpers/wallet";

/*
 * One-click checkout with a saved card (issue 22): the platform card is cloned onto each seller's account,
 * attached to the buyer's Customer there, and the direct charge (with the application fee) is confirmed on
 * the server. Refusals — a guest, someone else's card, a removed card — write nothing anywhere.
 */

type Buyer = Awaited<ReturnType<typeof createTestUser<"buyer">>>;
let buyer: Buyer;
beforeAll(async () => {
  buyer = await createTestUser("buyer");
});

function withCard(product: Parameters<typeof guestInput>[0], savedCard: string, quantity = 1): CheckoutInput {
  return { ...guestInput(product, { quantity }), email: undefined, savedCard };
}

async function refusal(run: () => Promise<unknown>): Promise<AppError> {
  return run().then(
    () => {
      throw new Error("not refused");
    },
    (e: unknown) => e as AppError,
  );
}

describe("paying with a saved card", () => {
  it("charges alice's and then bob's account with clones of the one platform card, each with the fee", async () => {
    const card = await saveTestCard(buyer);
    const alice = await shopWithProduct({ price: 2_500 });
    const bob = await shopWithProduct({ price: 1_200 });
    const stripe = testStripe();

    for (const [shop, quantity] of [
      [alice, 2],
      [bob, 1],
    ] as const) {
      const result = await startCheckout(buyer, withCard(shop.product, card.id, quantity));
      expect(result.kind).toBe("paid");
      const order = await getOrderById({ id: result.orderId });
      const stripeAccount = shop.account.stripeAccountId;
      const [intent] = await paymentIntentsOn(shop.account);
      expect(intent).toMatchObject({
        id: order?.paymentIntentId,
        status: "succeeded",
        amount: shop.product.price * quantity,
        application_fee_amount: await expectedFee(shop.product.price * quantity, shop.account),
      });
      // The charge used a PaymentMethod of the seller's account, not the platform's card itself...
      const used =
        typeof intent?.payment_method === "string" ? intent.payment_method : intent?.payment_method?.id;
      expect(used).toBeTruthy();
      expect(used).not.toBe(card.id);
      const clone = await stripe.paymentMethods.retrieve(used ?? "", {}, { stripeAccount });
      expect(clone.card?.last4).toBe("4242");
      // ...attached to the buyer's Customer on that account, the one we recorded.
      const customer = await getConnectedCustomerId({ userId: buyer.id, stripeAccountId: stripeAccount });
      expect(customer).toBeTruthy();
      expect(intent?.customer).toBe(customer);
      expect(clone.customer).toBe(customer);
    }
  });

  it("refuses a guest, another buyer's card and a made-up id before writing anything", async () => {
    const card = await saveTestCard(buyer);
    const shop = await shopWithProduct({ price: 1_000 });
    const stranger = await createTestUser("buyer");
    const attempts: [Buyer | null, string, string][] = [
      [null, card.id, "unauthorized:saved_card"],
      [stranger, card.id, "not_found:saved_card"],
      [buyer, "pm_made_up_123", "not_found:saved_card"],
    ];
    for (const [caller, savedCard, code] of attempts) {
      const input = { ...withCard(shop.product, savedCard), email: caller ? undefined : "g@example.com" };
      expect((await refusal(() => startCheckout(caller, input))).code).toBe(code);
    }
    expect(await countOrdersForProduct({ productId: shop.product.id })).toBe(0);
    expect(await paymentIntentsOn(shop.account)).toEqual([]);
  });

  it("a removed card is refused, even by a form rendered before it was removed", async () => {
    const buyerWithOld = await createTestUser("buyer");
    const card = await saveTestCard(buyerWithOld);
    const shop = await shopWithProduct({ price: 1_000 });
    const staleForm = withCard(shop.product, card.id);
    await removeCard(buyerWithOld, card.id);
    const error = await refusal(() => startCheckout(buyerWithOld, staleForm));
    expect(error.code).toBe("not_found:saved_card");
    expect(await countOrdersForProduct({ productId: shop.product.id })).toBe(0);
    expect(await paymentIntentsOn(shop.account)).toEqual([]);
  });
});
