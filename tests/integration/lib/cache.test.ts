import { beforeEach, describe, expect, it, vi } from "vitest";
import { createTestProduct, createTestSeller } from "@/tests/helpers/checkout";
import { control, testStripe } from "@/tests/helpers/emulator";
import { createCallers } from "@/tests/helpers/users";
import { applyWith, emulatorEvent, variantOf } from "@/tests/helpers/webhooks";
import {
  cachedShopPage,
  cachedShopProduct,
  isOutsideNextRequest,
  revalidateProduct,
  revalidateSeller,
} from "@/lib/cache";
import {
  createSellerProduct,
  productFormSchema,
  setSellerProductActive,
  updateSellerProduct,
} from "@/lib/products/seller-products";
import { handleAccountUpdated, handleApplicationAuthorization } from "@/lib/webhooks/accounts";

/*
 * lib/cache.ts: which tags each change makes stale, and what happens outside a Next request. Next's own
 * `next/cache` runs here (outside a request it throws, which lib/cache.ts must absorb); the wrapper only
 * records the tags asked for, so the tests can say which pages a change refreshes.
 */
const asked = vi.hoisted(() => ({ tags: [] as string[] }));
vi.mock("next/cache", async (importOriginal) => {
  const real = await importOriginal<typeof import("next/cache")>();
  return {
    ...real,
    revalidateTag: (tag: string, profile: string | { expire?: number }) => {
      asked.tags.push(tag);
      real.revalidateTag(tag, profile);
    },
  };
});

beforeEach(() => {
  asked.tags.length = 0;
});

const sellerTags = (userId: string) => [`seller:${userId}`, "shop", "product-pages"];

describe("outside a Next request (tests, scripts, a worker)", () => {
  it("recognises what Next throws there, and neither revalidation nor a cached read fails", async () => {
    const { revalidateTag, unstable_cache } = await import("next/cache");
    const thrown = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error;
      }
      return null;
    };
    expect(isOutsideNextRequest(thrown(() => revalidateTag("x", { expire: 0 })))).toBe(true);
    await expect(unstable_cache(() => Promise.resolve(1), ["x"])()).rejects.toSatisfy(isOutsideNextRequest);
    expect(isOutsideNextRequest(new Error("connection refused"))).toBe(false);

    const { seller } = await createTestSeller();
    const product = await createTestProduct(seller.id, { name: "Cached read outside Next" });
    expect(() => revalidateProduct(product.id)).not.toThrow();
    expect(() => revalidateSeller(seller.id)).not.toThrow();
    // The cached reads fall back to the database.
    expect(await cachedShopProduct(product.id)).toMatchObject({ id: product.id, sellerId: seller.id });
    const page = await cachedShopPage({ search: "", page: 1, sellerId: seller.id });
    expect(page.items.map((p) => p.id)).toEqual([product.id]);
    expect(await cachedShopProduct("not-a-uuid")).toBeNull();
  });
});

describe("a seller's product changes: its page and every listing", () => {
  const input = productFormSchema.parse({
    name: "Tagged mug",
    description: "",
    price: "12.50",
    currency: "usd",
  });

  it("on create, edit, deactivate and reactivate", async () => {
    const { sellerA } = await createCallers();
    const product = await createSellerProduct(sellerA, input);
    expect(asked.tags).toEqual([`product:${product.id}`, "shop"]);

    asked.tags.length = 0;
    await updateSellerProduct(sellerA, product.id, { ...input, name: "Renamed mug" });
    expect(asked.tags).toEqual([`product:${product.id}`, "shop"]);

    for (const active of [false, true]) {
      asked.tags.length = 0;
      await setSellerProductActive(sellerA, product.id, active);
      expect(asked.tags).toEqual([`product:${product.id}`, "shop"]);
    }
  });

  it("refreshes nothing when the change is refused", async () => {
    const { sellerA, sellerB } = await createCallers();
    const product = await createSellerProduct(sellerA, input);
    asked.tags.length = 0;
    await expect(updateSellerProduct(sellerB, product.id, input)).rejects.toThrow();
    await expect(setSellerProductActive(sellerB, product.id, false)).rejects.toThrow();
    await expect(createSellerProduct(sellerA, { ...input, currency: "usd", price: 1 })).rejects.toThrow();
    expect(asked.tags).toEqual([]);
  });
});

describe("a seller's ability to sell changes: their page, listings and product pages", () => {
  it("account.updated that turns charges on (not one that leaves canCharge as it was)", async () => {
    const { seller, account } = await createTestSeller({ onboarded: false });
    await control(`/accounts/${account.stripeAccountId}/onboard`, {});
    const onboarded = await emulatorEvent(account.stripeAccountId, "account.updated");
    expect(await applyWith(handleAccountUpdated, onboarded)).toMatchObject({ status: "applied" });
    expect(asked.tags).toEqual(sellerTags(seller.id));

    // Applied (newer), but the seller could charge before and still can: the shop did not change.
    asked.tags.length = 0;
    const same = variantOf(onboarded, { created: onboarded.created + 5 });
    expect(await applyWith(handleAccountUpdated, same)).toMatchObject({ status: "applied" });
    expect(asked.tags).toEqual([]);

    // Charges turned off by a newer event: the products leave the shop.
    const disabled = variantOf(onboarded, {
      created: onboarded.created + 10,
      object: { charges_enabled: false },
    });
    expect(await applyWith(handleAccountUpdated, disabled)).toMatchObject({ status: "applied" });
    expect(asked.tags).toEqual(sellerTags(seller.id));

    // A late, older event is ignored and refreshes nothing.
    asked.tags.length = 0;
    expect(await applyWith(handleAccountUpdated, onboarded)).toMatchObject({ status: "ignored" });
    expect(asked.tags).toEqual([]);
  });

  it("deauthorization and a newer authorization; a repeated one changes nothing", async () => {
    const { seller, account } = await createTestSeller();
    await testStripe().oauth.deauthorize({
      client_id: "ca_emulator",
      stripe_user_id: account.stripeAccountId,
    });
    const deauthorized = await emulatorEvent(account.stripeAccountId, "account.application.deauthorized");
    await applyWith(handleApplicationAuthorization, deauthorized);
    expect(asked.tags).toEqual(sellerTags(seller.id));

    asked.tags.length = 0;
    const again = variantOf(deauthorized, { created: deauthorized.created + 1 });
    expect(await applyWith(handleApplicationAuthorization, again)).toMatchObject({ status: "ignored" });
    expect(asked.tags).toEqual([]);

    const authorized = variantOf(deauthorized, {
      type: "account.application.authorized",
      created: deauthorized.created + 30,
    });
    expect(await applyWith(handleApplicationAuthorization, authorized)).toMatchObject({ status: "applied" });
    expect(asked.tags).toEqual(sellerTags(seller.id));
  });
});
