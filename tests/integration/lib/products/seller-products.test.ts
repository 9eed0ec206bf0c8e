import { beforeAll, describe, expect, it } from "vitest";
import { getProductById } from "@/db/queries/products";
import { listShopProducts } from "@/db/queries/shop";
import { formDataToObject } from "@/lib/actions";
import { sellerWithExpressAccount } from "@/tests/helpers/connect";
import { createCallers, createTestUser } from "@/tests/helpers/users";
import {
  createSellerProduct,
  getSellerProduct,
  listSellerProducts,
  productActiveSchema,
  productFormSchema,
  setSellerProductActive,
  updateProductSchema,
  updateSellerProduct,
} from "@/lib/products/seller-products";
import { refusal as failure } from "@/tests/helpers/errors";

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return formDataToObject(data);
}

const valid = { name: "Mug", description: "A mug.", price: "12.50", currency: "usd" };

let callers: Awaited<ReturnType<typeof createCallers>>;
beforeAll(async () => {
  callers = await createCallers();
});

describe("product form schema", () => {
  it("turns the typed price into minor units and trims text", () => {
    expect(productFormSchema.parse(form({ ...valid, name: "  Mug ", price: "12.5" }))).toEqual({
      name: "Mug",
      description: "A mug.",
      price: 1250,
      currency: "usd",
    });
    expect(productFormSchema.parse(form({ ...valid, price: "1,234.00", currency: "gbp" })).price).toBe(
      123_400,
    );
  });

  it.each([
    [{ name: "" }, "name", "Enter a name."],
    [{ price: "" }, "price", "Enter a price."],
    [{ price: "ten" }, "price", "Enter the price as a number, like 12.50."],
    [{ price: "1.234" }, "price", "USD prices have at most 2 decimal places."],
    [{ price: "0.20" }, "price", "The price must be at least 0.50 USD."],
    [{ price: "-3" }, "price", "The price must be more than zero."],
    [{ price: "1000000.00" }, "price", "The price must be at most 999999.99 USD."],
    [{ currency: "btc" }, "currency", "Choose a currency."],
    [{ name: "x".repeat(121) }, "name", "Use at most 120 characters."],
  ])("refuses %j", (change, field, message) => {
    const result = productFormSchema.safeParse(form({ ...valid, ...change }));
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path[0] === field);
    expect(issue?.message).toBe(message);
  });

  it("update and activate forms need a product uuid", () => {
    expect(updateProductSchema.safeParse(form({ ...valid, productId: "nope" })).success).toBe(false);
    expect(productActiveSchema.parse(form({ productId: crypto.randomUUID(), active: "false" })).active).toBe(
      false,
    );
  });
});

describe("seller products: five callers", () => {
  const input = productFormSchema.parse(form(valid));

  // Anonymous, buyers and admins never get here: the actions' roles refuse them
  // (tests/integration/app/dashboard/products/actions.test.ts), the pages' pageUser too (pages.test.ts).

  it("sellers create, edit and deactivate their own products", async () => {
    const created = await createSellerProduct(callers.sellerA, input);
    expect(created).toMatchObject({
      sellerId: callers.sellerA.id,
      price: 1250,
      currency: "usd",
      active: true,
    });
    const edited = await updateSellerProduct(callers.sellerA, created.id, {
      ...input,
      name: "Big mug",
      price: 1800,
    });
    expect(edited).toMatchObject({ name: "Big mug", price: 1800 });
    expect((await setSellerProductActive(callers.sellerA, created.id, false)).active).toBe(false);
    expect((await listSellerProducts(callers.sellerA)).map((p) => p.id)).toContain(created.id);
    expect((await listSellerProducts(callers.sellerB)).map((p) => p.id)).not.toContain(created.id);
  });

  it("seller B can never read, edit or deactivate seller A's product: it is 'not found' and unchanged", async () => {
    const product = await createSellerProduct(callers.sellerA, input);
    expect((await failure(getSellerProduct(callers.sellerB, product.id))).code).toBe("not_found:product");
    expect(
      (await failure(updateSellerProduct(callers.sellerB, product.id, { ...input, price: 1 }))).code,
    ).toBe("not_found:product");
    expect((await failure(setSellerProductActive(callers.sellerB, product.id, false))).code).toBe(
      "not_found:product",
    );
    expect(await getProductById({ id: product.id })).toMatchObject({
      price: 1250,
      active: true,
      name: "Mug",
    });
    expect((await failure(getSellerProduct(callers.sellerA, "not-a-uuid"))).code).toBe("not_found:product");
  });

  it("a seller's products reach the shop only once their account can charge, and leave it when deactivated", async () => {
    const seller = await createTestUser("seller");
    const product = await createSellerProduct(seller, { ...input, name: `Shop test ${seller.id}` });
    const inShop = async () =>
      (await listShopProducts({ sellerId: seller.id, limit: 10, offset: 0 })).items.map((p) => p.id);
    expect(await inShop()).toEqual([]);
    await sellerWithExpressAccount(seller);
    expect(await inShop()).toEqual([]); // account exists, not onboarded yet
    await sellerWithExpressAccount(seller, { onboarded: true });
    expect(await inShop()).toEqual([product.id]);
    await setSellerProductActive(seller, product.id, false);
    expect(await inShop()).toEqual([]);
  });
});
