import { describe, expect, it } from "vitest";
import { getAccountByStripeId } from "@/db/queries/connected-accounts";
import { getShopProduct, listShopProducts } from "@/db/queries/shop";
import { createTestProduct, createTestSeller } from "@/tests/helpers/checkout";
import { control, testStripe } from "@/tests/helpers/emulator";
import { applyWith, emulatorEvent, postEvent, variantOf } from "@/tests/helpers/webhooks";
import { handleAccountUpdated, handleApplicationAuthorization } from "@/lib/webhooks/accounts";

/* account.updated and account.application.* → connected_accounts (and the shop), with real emulator events. */

async function accountRow(stripeAccountId: string) {
  const row = await getAccountByStripeId({ stripeAccountId });
  if (!row) throw new Error("account row vanished");
  return row;
}

describe("account.updated", () => {
  it("stores onboarding progress: details, charges and payouts, requirements and disabled reason", async () => {
    const { account } = await createTestSeller({ onboarded: false });
    expect(account.chargesEnabled).toBe(false);

    await control(`/accounts/${account.stripeAccountId}/onboard`, {});
    const onboarded = await emulatorEvent(account.stripeAccountId, "account.updated");
    expect(await applyWith(handleAccountUpdated, onboarded)).toMatchObject({ status: "applied" });
    expect(await accountRow(account.stripeAccountId)).toMatchObject({
      detailsSubmitted: true,
      chargesEnabled: true,
      payoutsEnabled: true,
      requirementsCurrentlyDue: [],
      disabledReason: null,
      stripeStateAt: onboarded.created,
    });

    await control(`/accounts/${account.stripeAccountId}/requirements`, {
      currently_due: ["individual.verification.document"],
    });
    const due = await emulatorEvent(account.stripeAccountId, "account.updated", (e) => e.id !== onboarded.id);
    const res = await postEvent(due);
    expect(res.status).toBe(200);
    const row = await accountRow(account.stripeAccountId);
    expect(row.requirementsCurrentlyDue).toContain("individual.verification.document");
    expect(row.chargesEnabled).toBe((due.data.object as { charges_enabled: boolean }).charges_enabled);
    expect(row.disabledReason).toBe(
      (due.data.object as { requirements: { disabled_reason: string | null } }).requirements.disabled_reason,
    );
  });

  it("never lets an older account.updated overwrite newer state", async () => {
    const { account } = await createTestSeller({ onboarded: false });
    await control(`/accounts/${account.stripeAccountId}/onboard`, {});
    const newest = await emulatorEvent(account.stripeAccountId, "account.updated");
    const older = variantOf(newest, {
      created: newest.created - 60,
      object: { charges_enabled: false, payouts_enabled: false, details_submitted: false },
    });

    await applyWith(handleAccountUpdated, newest);
    const late = await applyWith(handleAccountUpdated, older);

    expect(late.status).toBe("ignored");
    expect(await accountRow(account.stripeAccountId)).toMatchObject({
      chargesEnabled: true,
      detailsSubmitted: true,
      stripeStateAt: newest.created,
    });
  });

  it("ignores accounts that are not ours", async () => {
    const { account } = await createTestSeller();
    await control(`/accounts/${account.stripeAccountId}/requirements`, { currently_due: [] });
    const event = await emulatorEvent(account.stripeAccountId, "account.updated");
    const stranger = variantOf(event, { account: "acct_stranger", object: { id: "acct_stranger" } });
    expect(await applyWith(handleAccountUpdated, stranger)).toMatchObject({ status: "ignored" });
  });
});

describe("account.application.deauthorized / authorized", () => {
  it("disconnects a deauthorized seller and takes their products out of the shop", async () => {
    const { seller, account } = await createTestSeller();
    const product = await createTestProduct(seller.id);
    expect(await getShopProduct({ id: product.id })).toBeDefined();

    await testStripe().oauth.deauthorize({
      client_id: "ca_emulator",
      stripe_user_id: account.stripeAccountId,
    });
    const event = await emulatorEvent(account.stripeAccountId, "account.application.deauthorized");
    expect((await postEvent(event)).status).toBe(200);

    expect((await accountRow(account.stripeAccountId)).disconnectedAt).toEqual(
      new Date(event.created * 1000),
    );
    expect(await getShopProduct({ id: product.id })).toBeUndefined();
    expect((await listShopProducts({ sellerId: seller.id, limit: 10, offset: 0 })).items).toEqual([]);
  });

  it("reconnects on a newer authorization, but an older one (or an older deauthorization) changes nothing", async () => {
    const { account } = await createTestSeller();
    await testStripe().oauth.deauthorize({
      client_id: "ca_emulator",
      stripe_user_id: account.stripeAccountId,
    });
    const deauthorized = await emulatorEvent(account.stripeAccountId, "account.application.deauthorized");
    await applyWith(handleApplicationAuthorization, deauthorized);

    const olderAuth = variantOf(deauthorized, {
      type: "account.application.authorized",
      created: deauthorized.created - 30,
    });
    expect(await applyWith(handleApplicationAuthorization, olderAuth)).toMatchObject({ status: "ignored" });
    expect((await accountRow(account.stripeAccountId)).disconnectedAt).not.toBeNull();

    const newerAuth = variantOf(deauthorized, {
      type: "account.application.authorized",
      created: deauthorized.created + 30,
    });
    expect((await postEvent(newerAuth)).status).toBe(200);
    expect((await accountRow(account.stripeAccountId)).disconnectedAt).toBeNull();

    // The first deauthorization delivered again under another id, after the reconnection: stale.
    const staleDeauth = variantOf(deauthorized, { created: deauthorized.created + 10 });
    expect(await applyWith(handleApplicationAuthorization, staleDeauth)).toMatchObject({ status: "ignored" });
    expect((await accountRow(account.stripeAccountId)).disconnectedAt).toBeNull();
  });
});
