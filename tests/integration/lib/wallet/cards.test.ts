import { beforeAll, describe, expect, it } from "vitest";
import { getPlatformCustomerId } from "@/db/queries/customers";
import type { AppError } from "@/lib/errors";
import { listSavedCards, ownedCard, removeCard, setDefaultCard } from "@/lib/wallet/cards";
import { platformCustomerFor } from "@/lib/wallet/customers";
import { testStripe } from "@/tests/helpers/emulator";
import { createTestUser } from "@/tests/helpers/users";
import { saveTestCard } from "@/tests/helpers/wallet";

/*
 * A buyer's saved cards against the emulator through the real SDK: one platform Customer per buyer however
 * many first uses race, cards listed default first, the default moved and removed, and nothing of one
 * buyer's reachable by another.
 */

type Buyer = Awaited<ReturnType<typeof createTestUser<"buyer">>>;
let owner: Buyer;
let other: Buyer;
beforeAll(async () => {
  owner = await createTestUser("buyer");
  other = await createTestUser("buyer");
});

async function refusal(run: () => Promise<unknown>): Promise<AppError> {
  return run().then(
    () => {
      throw new Error("not refused");
    },
    (e: unknown) => e as AppError,
  );
}

describe("the buyer's platform Customer", () => {
  it("is created once, whoever asks first: five concurrent first uses get one Customer", async () => {
    const buyer = await createTestUser("buyer");
    const ids = await Promise.all(Array.from({ length: 5 }, () => platformCustomerFor(buyer)));
    expect(new Set(ids).size).toBe(1);
    expect(await getPlatformCustomerId({ userId: buyer.id })).toBe(ids[0]);
    const atStripe = (await testStripe().customers.list({ limit: 100 })).data.filter(
      (c) => c.metadata.user_id === buyer.id,
    );
    expect(atStripe.map((c) => c.id)).toEqual([ids[0]]);
    expect(atStripe[0]?.email).toBe(buyer.email);
  });
});

describe("saved cards", () => {
  it("lists the first card as the default, a second one after it; the default can move", async () => {
    expect(await listSavedCards(owner)).toEqual([]);
    const visa = await saveTestCard(owner, "pm_card_visa");
    expect(visa).toMatchObject({ brand: "visa", last4: "4242", isDefault: true });
    const mastercard = await saveTestCard(owner, "pm_card_mastercard");
    expect(mastercard.isDefault).toBe(false);
    expect((await listSavedCards(owner)).map((c) => [c.last4, c.isDefault])).toEqual([
      ["4242", true],
      [mastercard.last4, false],
    ]);

    await setDefaultCard(owner, mastercard.id);
    expect((await listSavedCards(owner)).map((c) => [c.id, c.isDefault])).toEqual([
      [mastercard.id, true],
      [visa.id, false],
    ]);
  });

  it("removing the default detaches it at Stripe and makes the next card the default", async () => {
    const buyer = await createTestUser("buyer");
    const first = await saveTestCard(buyer);
    const second = await saveTestCard(buyer, "pm_card_mastercard");
    await removeCard(buyer, first.id);
    expect(await listSavedCards(buyer)).toEqual([{ ...second, isDefault: true }]);
    const detached = await testStripe().paymentMethods.retrieve(first.id);
    expect(detached.customer).toBeNull();
    // Removed means gone: not the buyer's any more, for any use.
    expect((await refusal(() => ownedCard(buyer, first.id))).code).toBe("not_found:saved_card");
    expect((await refusal(() => removeCard(buyer, first.id))).code).toBe("not_found:saved_card");
  });

  it("another buyer can neither see, make default, remove nor use someone's card; nothing changes", async () => {
    const card = (await listSavedCards(owner))[0];
    if (!card) throw new Error("owner has no card");
    const before = await listSavedCards(owner);
    expect(await listSavedCards(other)).toEqual([]);
    for (const attempt of [
      () => setDefaultCard(other, card.id),
      () => removeCard(other, card.id),
      () => ownedCard(other, card.id),
    ]) {
      const error = await refusal(attempt);
      expect(error.code).toBe("not_found:saved_card");
      expect(error.message).toContain("not saved on your account");
    }
    // Made-up and malformed ids are "not found" too, never a Stripe error.
    for (const id of ["pm_doesnotexist", "not-a-pm", "cus_123"])
      expect((await refusal(() => ownedCard(owner, id))).code).toBe("not_found:saved_card");
    expect(await listSavedCards(owner)).toEqual(before);
  });
});
