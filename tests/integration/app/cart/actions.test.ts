import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { carts, products, type Product } from "@/db/schema";
import { adoptGuestCart, cartItemCount, viewCart } from "@/lib/cart/cart";
import { Browser, inBrowser } from "@/tests/helpers/browser-jar";
import {
  createTestProduct,
  deactivateProduct,
  disconnectAccount,
  shopWithProduct,
} from "@/tests/helpers/checkout";
import { createTestUser } from "@/tests/helpers/users";
import { addToCartAction, removeCartLineAction, updateCartLineAction } from "@/app/cart/actions";

/*
 * The cart: a guest's lives in their browser's cookie and joins their account when they sign in; a
 * signed-in user's is theirs; prices and availability are read again every time it is shown. Another
 * browser or user never sees or changes it: the form only names a product.
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/browser-jar")).browserHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

let mug: Product;
let kit: Product;
let alice: Awaited<ReturnType<typeof shopWithProduct>>;
beforeAll(async () => {
  alice = await shopWithProduct({ price: 2800 });
  mug = alice.product;
  kit = (await shopWithProduct({ price: 4500 })).product;
});

const add = (productId: string, quantity: number | string) =>
  addToCartAction(undefined, { productId, quantity: String(quantity) });
const lines = async (browser: Browser) =>
  (await inBrowser(browser, () => viewCart(browser.user))).sellers.flatMap((s) =>
    s.lines.map((l) => [l.productId, l.quantity] as const),
  );

describe("a guest's cart", () => {
  it("is kept for their browser only: added, counted, priced, changed and removed", async () => {
    const guest = new Browser();
    expect(await inBrowser(guest, () => add(mug.id, 2))).toMatchObject({ ok: true, data: { count: 2 } });
    const cookie = guest.cookies.get("cart");
    expect(cookie?.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/" });
    await inBrowser(guest, () => add(kit.id, 1));
    await inBrowser(guest, () => add(mug.id, 1));
    expect(await lines(guest)).toEqual([
      [mug.id, 3],
      [kit.id, 1],
    ]);
    const view = await inBrowser(guest, () => viewCart(null));
    expect(view).toMatchObject({ itemCount: 4, total: 3 * 2800 + 4500, currency: "usd", payable: true });
    expect(view.sellers).toHaveLength(2);

    // Another browser has no cart, and cannot change this one through the product's id.
    const other = new Browser();
    expect(await lines(other)).toEqual([]);
    for (const run of [
      () => updateCartLineAction(undefined, { productId: mug.id, quantity: "1" }),
      () => removeCartLineAction(undefined, { productId: mug.id }),
    ])
      expect(await inBrowser(other, run)).toMatchObject({
        ok: false,
        message: "This product is not in your cart any more.",
      });
    expect(await lines(guest)).toEqual([
      [mug.id, 3],
      [kit.id, 1],
    ]);

    // Set, capped, refused as typed, removed.
    expect(
      await inBrowser(guest, () => updateCartLineAction(undefined, { productId: mug.id, quantity: "5" })),
    ).toMatchObject({ ok: true });
    expect(await inBrowser(guest, () => add(mug.id, 99))).toMatchObject({ ok: true });
    expect(
      await inBrowser(guest, () => updateCartLineAction(undefined, { productId: mug.id, quantity: "0" })),
    ).toMatchObject({
      ok: false,
      fieldErrors: { quantity: ["Choose a quantity from 1 to 99."] },
    });
    expect(await lines(guest)).toEqual([
      [mug.id, 99],
      [kit.id, 1],
    ]);
    expect(
      await inBrowser(guest, () => removeCartLineAction(undefined, { productId: kit.id })),
    ).toMatchObject({ ok: true });
    expect(
      await inBrowser(guest, () => removeCartLineAction(undefined, { productId: kit.id })),
    ).toMatchObject({ ok: false });
    expect(await inBrowser(guest, () => cartItemCount(null))).toBe(99);
  });

  it("refuses unknown, inactive and malformed products, and a seller's own, creating nothing", async () => {
    const guest = new Browser();
    const gone = await createTestProduct(alice.seller.id);
    await deactivateProduct(gone.id);
    const before = await db.$count(carts);
    for (const [productId, quantity] of [
      [gone.id, 1],
      ["7d0c1f9e-0000-4000-8000-000000000000", 1],
      ["not-a-uuid", 1],
      [mug.id, "2.5"],
      [mug.id, "-1"],
    ] as const)
      expect(await inBrowser(guest, () => add(productId, quantity))).toMatchObject({ ok: false });
    expect(guest.cookies.has("cart")).toBe(false);
    expect(await db.$count(carts)).toBe(before);

    const seller = Object.assign(new Browser(), { user: alice.seller });
    expect(await inBrowser(seller, () => add(mug.id, 1))).toMatchObject({
      ok: false,
      message: "This is your own product: you cannot buy from your own shop.",
    });
    expect(await lines(seller)).toEqual([]);
  });
});

describe("signing in", () => {
  it("joins the guest's cart to the user's: quantities add up to at most 99, the guest cart is gone", async () => {
    const buyer = await createTestUser("buyer");
    const signedIn = Object.assign(new Browser(), { user: buyer });
    await inBrowser(signedIn, () => add(mug.id, 98));
    const guest = new Browser();
    await inBrowser(guest, () => add(mug.id, 2));
    await inBrowser(guest, () => add(kit.id, 1));

    await inBrowser(guest, () => adoptGuestCart(buyer.id));
    expect(guest.cookies.has("cart")).toBe(false);
    expect(await lines(signedIn)).toEqual([
      [mug.id, 99],
      [kit.id, 1],
    ]);
    expect(await lines(guest)).toEqual([]);
    // A second sign-in from a browser whose cart already joined moves nothing again.
    await inBrowser(guest, () => adoptGuestCart(buyer.id));
    expect(await lines(signedIn)).toEqual([
      [mug.id, 99],
      [kit.id, 1],
    ]);
  });
});

describe("what the cart shows", () => {
  it("reads prices and availability now: a new price, an item no longer sold, a seller who cannot charge, two currencies", async () => {
    const buyer = Object.assign(new Browser(), { user: await createTestUser("buyer") });
    const shop = await shopWithProduct({ price: 1000 });
    const other = await shopWithProduct({ price: 700 });
    const euro = await createTestProduct(shop.seller.id, { price: 900, currency: "eur" });
    await inBrowser(buyer, () => add(shop.product.id, 2));
    await inBrowser(buyer, () => add(other.product.id, 1));
    expect(await inBrowser(buyer, () => viewCart(buyer.user))).toMatchObject({ total: 2700, payable: true });

    await db.update(products).set({ price: 1250 }).where(eq(products.id, shop.product.id));
    expect(await inBrowser(buyer, () => viewCart(buyer.user))).toMatchObject({ total: 3200, payable: true });

    await disconnectAccount(other.account.stripeAccountId);
    let view = await inBrowser(buyer, () => viewCart(buyer.user));
    expect(view).toMatchObject({ total: 2500, payable: false, itemCount: 3 });
    expect(view.sellers[1]?.lines[0]?.problem).toBe(
      "This seller cannot accept payments right now. Please try again later.",
    );

    await inBrowser(buyer, () => removeCartLineAction(undefined, { productId: other.product.id }));
    await inBrowser(buyer, () => add(euro.id, 1));
    view = await inBrowser(buyer, () => viewCart(buyer.user));
    expect(view.payable).toBe(false);
    expect(view.problems[0]).toMatch(/prices in EUR and USD/);

    await deactivateProduct(euro.id);
    view = await inBrowser(buyer, () => viewCart(buyer.user));
    expect(view.sellers[0]?.lines[1]?.problem).toBe("This product is not available any more.");
    expect(view).toMatchObject({ total: 2500, currency: "usd", problems: [], payable: false });
  });
});
