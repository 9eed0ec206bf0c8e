import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { getProductById } from "@/db/queries/products";
import { products, type Product } from "@/db/schema";
import { actAs, formData, revalidated, settle } from "@/tests/helpers/action-request";
import { createTestProduct } from "@/tests/helpers/checkout";
import { createCallers } from "@/tests/helpers/users";
import {
  createProductAction,
  setProductActiveAction,
  updateProductAction,
} from "@/app/dashboard/products/actions";

/*
 * The product server actions themselves (lib/products is tested on its own): the five callers, a
 * product id of another seller, and malformed forms, against the real database.
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/action-request")).nextHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

const SIGN_IN = "Please sign in first.";
const NOT_ALLOWED = "Your account is not allowed to do this.";
const NOT_YOURS = "This product does not exist or is not yours.";

let callers: Awaited<ReturnType<typeof createCallers>>;
let productOfB: Product;

beforeAll(async () => {
  callers = await createCallers();
  productOfB = await createTestProduct(callers.sellerB.id, { name: "B's lamp", price: 4200 });
});

function uniqueName(tag: string): string {
  return `${tag} ${randomUUID().slice(0, 8)}`;
}

async function productsNamed(name: string): Promise<Product[]> {
  return db.select().from(products).where(eq(products.name, name));
}

const refusals = () =>
  [
    [null, SIGN_IN],
    [callers.buyer, NOT_ALLOWED],
    [callers.admin, NOT_ALLOWED],
  ] as const;

function editForm(productId: string, name: string) {
  return formData({ productId, name, description: "Edited.", price: "9.99", currency: "eur" });
}

describe("createProductAction", () => {
  it("anonymous, buyers and admins are refused and nothing is written", async () => {
    for (const [caller, message] of refusals()) {
      const name = uniqueName("refused");
      const state = await actAs(caller, () =>
        createProductAction(undefined, formData({ name, price: "12.50", currency: "usd" })),
      );
      expect(state).toEqual({ ok: false, message, fieldErrors: undefined });
      expect(await productsNamed(name)).toEqual([]);
      expect(revalidated).toEqual([]);
    }
  });

  it("sellers A and B each create their own product, priced in minor units; a seller id in the form is ignored", async () => {
    for (const seller of [callers.sellerA, callers.sellerB]) {
      const other = seller === callers.sellerA ? callers.sellerB : callers.sellerA;
      const name = uniqueName("Mug");
      const state = await actAs(seller, () =>
        createProductAction(
          undefined,
          formData({ name, description: "A mug.", price: "12.50", currency: "usd", sellerId: other.id }),
        ),
      );
      expect(state.ok).toBe(true);
      expect(state.message).toContain(name);
      const [created, ...more] = await productsNamed(name);
      expect(more).toEqual([]);
      expect(created).toMatchObject({ sellerId: seller.id, price: 1250, currency: "usd", active: true });
      // The seller's list, and every public listing (lib/cache.ts owns the tags).
      expect(revalidated).toEqual(expect.arrayContaining(["/dashboard/products", "tag:shop"]));
    }
  });

  it("malformed forms give field errors and write nothing", async () => {
    const name = uniqueName("Bad");
    for (const [fields, field] of [
      [{ name: "", price: "12.50", currency: "usd" }, "name"],
      [{ name, price: "ten", currency: "usd" }, "price"],
      [{ name, price: "0.10", currency: "usd" }, "price"],
      [{ name, price: "12.50", currency: "xxx" }, "currency"],
      [{ name, currency: "usd" }, "price"],
    ] as const) {
      const state = await actAs(callers.sellerA, () => createProductAction(undefined, formData(fields)));
      expect(state.ok, JSON.stringify(fields)).toBe(false);
      expect(state.fieldErrors?.[field]?.[0], JSON.stringify(fields)).toEqual(expect.any(String));
      expect(revalidated).toEqual([]);
    }
    expect(await productsNamed(name)).toEqual([]);
    expect(await productsNamed("")).toEqual([]);
  });
});

describe("updateProductAction", () => {
  it("only the owner saves (and is sent back to the list); everyone else changes nothing of B's", async () => {
    for (const [caller, message] of [...refusals(), [callers.sellerA, NOT_YOURS]] as const) {
      const result = await settle(
        actAs(caller, () => updateProductAction(undefined, editForm(productOfB.id, "Taken over"))),
      );
      expect(result.redirect).toBeUndefined();
      expect(result.state).toMatchObject({ ok: false, message });
      expect(await getProductById({ id: productOfB.id })).toEqual(productOfB);
    }
    const name = uniqueName("B's better lamp");
    const saved = await settle(
      actAs(callers.sellerB, () => updateProductAction(undefined, editForm(productOfB.id, name))),
    );
    expect(saved.redirect).toBe("/dashboard/products?saved=1");
    expect(await getProductById({ id: productOfB.id })).toMatchObject({
      sellerId: callers.sellerB.id,
      name,
      price: 999,
      currency: "eur",
    });
    productOfB = (await getProductById({ id: productOfB.id })) ?? productOfB;
  });

  it("malformed forms give field errors and leave the product as it was", async () => {
    const own = await createTestProduct(callers.sellerA.id);
    for (const [form, field] of [
      [editForm("not-a-uuid", "X"), "productId"],
      [formData({ productId: own.id, name: "X", price: "1.234", currency: "usd" }), "price"],
      [formData({ productId: own.id, name: " ", price: "5", currency: "usd" }), "name"],
    ] as const) {
      const result = await settle(actAs(callers.sellerA, () => updateProductAction(undefined, form)));
      expect(result.state?.ok).toBe(false);
      expect(result.state?.fieldErrors?.[field]?.[0]).toEqual(expect.any(String));
    }
    expect(await getProductById({ id: own.id })).toEqual(own);
  });
});

describe("setProductActiveAction", () => {
  it("only the owner deactivates; anonymous, buyer, admin and seller A naming B's product change nothing", async () => {
    const deactivate = formData({ productId: productOfB.id, active: "false" });
    for (const [caller, message] of [...refusals(), [callers.sellerA, NOT_YOURS]] as const) {
      const state = await actAs(caller, () => setProductActiveAction(undefined, deactivate));
      expect(state).toMatchObject({ ok: false, message });
      expect(await getProductById({ id: productOfB.id })).toEqual(productOfB);
    }
    const state = await actAs(callers.sellerB, () => setProductActiveAction(undefined, deactivate));
    expect(state.ok).toBe(true);
    expect((await getProductById({ id: productOfB.id }))?.active).toBe(false);
    expect(revalidated).toContain(`tag:product:${productOfB.id}`);
  });

  it("malformed forms give field errors and change nothing", async () => {
    const own = await createTestProduct(callers.sellerA.id);
    for (const [fields, field] of [
      [{ productId: own.id, active: "maybe" }, "active"],
      [{ productId: own.id }, "active"],
      [{ productId: "1; drop table products", active: "false" }, "productId"],
    ] as const) {
      const state = await actAs(callers.sellerA, () => setProductActiveAction(undefined, formData(fields)));
      expect(state.ok).toBe(false);
      expect(state.fieldErrors?.[field]?.[0]).toEqual(expect.any(String));
    }
    expect(await getProductById({ id: own.id })).toEqual(own);
  });
});
