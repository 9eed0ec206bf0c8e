import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { insertAccountForUser, markAccountDisconnected } from "@/db/queries/connected-accounts";
import type { User } from "@/db/schema";
import { createTestProduct, deactivateProduct } from "@/tests/helpers/checkout";
import { createTestUser } from "@/tests/helpers/users";
import { getCheckoutContext } from "@/db/queries/orders";
import { getShopProduct, getShopSeller, likePattern, listShopProducts } from "@/db/queries/shop";

/** A seller row with the account state the shop filters on (no Stripe needed for catalog reads). */
async function sellerWith(chargesEnabled: boolean): Promise<{ seller: User; stripeAccountId: string }> {
  const seller = await createTestUser("seller");
  const stripeAccountId = `acct_test${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  await insertAccountForUser({
    userId: seller.id,
    stripeAccountId,
    stripeStateAt: 1,
    status: {
      detailsSubmitted: chargesEnabled,
      chargesEnabled,
      payoutsEnabled: chargesEnabled,
      requirementsCurrentlyDue: [],
      requirementsPastDue: [],
      disabledReason: null,
      email: seller.email,
      country: "US",
      type: "express",
    },
  });
  return { seller, stripeAccountId };
}

// A word unique to this file's products, so searches ignore other test files' rows on a shared database.
const tag = `zq${randomUUID().slice(0, 6)}`;
let open: { seller: User; stripeAccountId: string };

beforeAll(async () => {
  open = await sellerWith(true);
});

describe("shop catalog", () => {
  it("lists active products of sellers who can charge, and nothing else", async () => {
    const visible = await createTestProduct(open.seller.id, { name: `Mug ${tag}` });
    const inactive = await createTestProduct(open.seller.id, { name: `Old mug ${tag}` });
    await deactivateProduct(inactive.id);
    const pending = await sellerWith(false);
    const notCharging = await createTestProduct(pending.seller.id, { name: `Vase ${tag}` });
    const gone = await sellerWith(true);
    const disconnected = await createTestProduct(gone.seller.id, { name: `Bowl ${tag}` });
    await markAccountDisconnected({ stripeAccountId: gone.stripeAccountId, at: new Date() });
    const noAccount = await createTestProduct((await createTestUser("seller")).id, { name: `Cup ${tag}` });

    const { items, total } = await listShopProducts({ search: tag, limit: 50, offset: 0 });
    expect(items.map((p) => p.id)).toEqual([visible.id]);
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      name: `Mug ${tag}`,
      price: visible.price,
      sellerId: open.seller.id,
      sellerName: open.seller.businessName,
    });

    expect(await getShopProduct({ id: visible.id })).toBeDefined();
    for (const hidden of [inactive, notCharging, disconnected, noAccount]) {
      expect(await getShopProduct({ id: hidden.id })).toBeUndefined();
      // Checkout still sees them, to explain why they cannot be bought.
      expect(await getCheckoutContext({ productId: hidden.id })).toBeDefined();
    }
    expect(await getShopSeller({ id: open.seller.id })).toEqual({
      id: open.seller.id,
      name: open.seller.businessName,
    });
    expect(await getShopSeller({ id: pending.seller.id })).toBeUndefined();
    expect(await getShopSeller({ id: gone.seller.id })).toBeUndefined();
  });

  it("searches names and descriptions case-insensitively, with % and _ taken literally", async () => {
    const s = `${tag}s`;
    const byName = await createTestProduct(open.seller.id, { name: `Blue ${s} Teapot` });
    const byDescription = await createTestProduct(open.seller.id, {
      name: "Plain",
      description: `Glazed with ${s.toUpperCase()} slip, 100% stoneware`,
    });
    const ids = async (search: string) =>
      (await listShopProducts({ search, limit: 50, offset: 0 })).items.map((p) => p.id).sort();
    expect(await ids(s)).toEqual([byName.id, byDescription.id].sort());
    expect(await ids(`${s} teapot`)).toEqual([byName.id]);
    expect(await ids(`${s.toUpperCase()} SLIP, 100%`)).toEqual([byDescription.id]);
    expect(await ids(`${s}%teapot`)).toEqual([]);
    expect(await ids(`${s}_`)).toEqual([]);
    expect(likePattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });

  it("pages through a seller's products, newest first, without overlaps", async () => {
    const { seller } = await sellerWith(true);
    const created = [];
    const start = Date.now() - 60_000;
    for (let i = 0; i < 5; i++)
      created.push(
        await createTestProduct(seller.id, { name: `Item ${i}`, createdAt: new Date(start + i * 1000) }),
      );
    const pages = [];
    for (let offset = 0; offset < 6; offset += 2)
      pages.push(await listShopProducts({ sellerId: seller.id, limit: 2, offset }));
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(pages.every((p) => p.total === 5)).toBe(true);
    const seen = pages.flatMap((p) => p.items.map((i) => i.id));
    expect(new Set(seen).size).toBe(5);
    expect(seen[0]).toBe(created[4]?.id);
  });
});
