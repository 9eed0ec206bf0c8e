import { beforeAll, describe, expect, it, vi } from "vitest";
import { listSavedCards } from "@/lib/wallet/cards";
import { actAs, formData } from "@/tests/helpers/action-request";
import { createCallers } from "@/tests/helpers/users";
import { saveTestCard } from "@/tests/helpers/wallet";
import {
  finishCardSetupAction,
  removeCardAction,
  setDefaultCardAction,
  startCardSetupAction,
} from "@/app/account/payment-methods/actions";

/*
 * /account/payment-methods, tested with the usual five callers: only a buyer may save cards, and only their
 * own cards can be made default or removed; every refusal leaves the cards as they were at Stripe.
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/action-request")).nextHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

let callers: Awaited<ReturnType<typeof createCallers>>;
beforeAll(async () => {
  callers = await createCallers();
});

describe("saved card actions", () => {
  it("lets only buyers start adding a card", async () => {
    const start = () => startCardSetupAction(undefined, formData({}));
    expect(await actAs(null, start)).toMatchObject({ ok: false, message: "Please sign in first." });
    for (const caller of [callers.sellerA, callers.admin])
      expect(await actAs(caller, start)).toMatchObject({
        ok: false,
        message: "Your account is not allowed to do this.",
      });
    const started = await actAs(callers.buyer, start);
    expect(started.ok).toBe(true);
    expect(started.data?.clientSecret).toMatch(/^seti_.+_secret_.+$/);
  });

  it("makes default and removes only the caller's own cards; a foreign or unconfirmed id changes nothing", async () => {
    const visa = await saveTestCard(callers.buyer);
    const mastercard = await saveTestCard(callers.buyer, "pm_card_mastercard");
    const before = await listSavedCards(callers.buyer);
    const stranger = (await createCallers()).buyer;
    for (const action of [
      () => setDefaultCardAction(undefined, formData({ paymentMethodId: mastercard.id })),
      () => removeCardAction(undefined, formData({ paymentMethodId: visa.id, confirm: "on" })),
    ]) {
      expect(await actAs(stranger, action)).toMatchObject({
        ok: false,
        message: "This card is not saved on your account any more. Reload the page and choose another.",
      });
      expect(await actAs(callers.sellerA, action)).toMatchObject({ ok: false });
    }
    // Removing needs the box ticked.
    expect(
      await actAs(callers.buyer, () => removeCardAction(undefined, formData({ paymentMethodId: visa.id }))),
    ).toMatchObject({ ok: false, fieldErrors: { confirm: [expect.stringContaining("Tick the box")] } });
    expect(await listSavedCards(callers.buyer)).toEqual(before);

    expect(
      await actAs(callers.buyer, () =>
        setDefaultCardAction(undefined, formData({ paymentMethodId: mastercard.id })),
      ),
    ).toMatchObject({ ok: true });
    expect(
      await actAs(callers.buyer, () =>
        removeCardAction(undefined, formData({ paymentMethodId: visa.id, confirm: "on" })),
      ),
    ).toMatchObject({ ok: true, message: "Card removed. It can no longer be used to pay." });
    expect((await listSavedCards(callers.buyer)).map((c) => [c.id, c.isDefault])).toEqual([
      [mastercard.id, true],
    ]);
  });

  it("does not record another buyer's card setup as the caller's", async () => {
    const started = await actAs(callers.buyer, () => startCardSetupAction(undefined, formData({})));
    const id = started.data?.clientSecret.split("_secret_")[0] ?? "";
    const stranger = (await createCallers()).buyer;
    expect(
      await actAs(stranger, () => finishCardSetupAction(undefined, formData({ setupIntentId: id }))),
    ).toMatchObject({ ok: false, message: "This card setup was not found. Please add the card again." });
    // Not confirmed yet: the owner is told it did not complete, and nothing is saved.
    expect(
      await actAs(callers.buyer, () => finishCardSetupAction(undefined, formData({ setupIntentId: id }))),
    ).toMatchObject({ ok: false, message: "The card was not saved: its setup did not complete." });
  });
});
