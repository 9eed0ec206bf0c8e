import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { getProductById } from "@/db/queries/products";
import { products } from "@/db/schema";
import { actAs, settle } from "@/tests/helpers/action-request";
import { createTestProduct } from "@/tests/helpers/checkout";
import { createCallers } from "@/tests/helpers/users";
import { createProductAction, updateProductAction } from "@/app/dashboard/products/actions";

/*
 * The product form's "Charge when I ship" box. A browser sends the hidden "off" and, when the box is
 * ticked, "on" after it (the last one counts); an unticked box sends only "off".
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/action-request")).nextHeadersMock());
vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());

let callers: Awaited<ReturnType<typeof createCallers>>;
beforeAll(async () => {
  callers = await createCallers();
});

/** The form as the browser builds it: every field, the box's two entries in document order. */
function productForm(fields: Record<string, string>, ticked: boolean | "bad"): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  data.append("captureLater", "off");
  if (ticked === true) data.append("captureLater", "on");
  if (ticked === "bad") data.set("captureLater", "maybe");
  return data;
}

const fields = (name: string) => ({ name, description: "", price: "12.50", currency: "usd" });
const named = (name: string) => db.select().from(products).where(eq(products.name, name));

describe("Charge when I ship on the product form", () => {
  it("creates a product charged when shipped, and one charged at checkout", async () => {
    const later = `Made to order ${randomUUID().slice(0, 8)}`;
    const now = `In stock ${randomUUID().slice(0, 8)}`;
    for (const [name, ticked] of [
      [later, true],
      [now, false],
    ] as const)
      expect(
        await actAs(callers.sellerA, () => createProductAction(undefined, productForm(fields(name), ticked))),
      ).toMatchObject({ ok: true });
    expect(await named(later)).toMatchObject([{ captureLater: true, sellerId: callers.sellerA.id }]);
    expect(await named(now)).toMatchObject([{ captureLater: false }]);
  });

  it("turns it on and off when editing; another seller's product stays as it was", async () => {
    const product = await createTestProduct(callers.sellerA.id, { name: `Lamp ${randomUUID().slice(0, 8)}` });
    const edit = (ticked: boolean) => productForm({ productId: product.id, ...fields(product.name) }, ticked);
    expect(await settle(actAs(callers.sellerA, () => updateProductAction(undefined, edit(true))))).toEqual({
      redirect: "/dashboard/products?saved=1",
    });
    expect((await getProductById({ id: product.id }))?.captureLater).toBe(true);
    const state = await actAs(callers.sellerB, () => updateProductAction(undefined, edit(false)));
    expect(state).toMatchObject({ ok: false, message: "This product does not exist or is not yours." });
    expect((await getProductById({ id: product.id }))?.captureLater).toBe(true);
    await settle(actAs(callers.sellerA, () => updateProductAction(undefined, edit(false))));
    expect((await getProductById({ id: product.id }))?.captureLater).toBe(false);
  });

  it("refuses a value that is not the box's, and writes nothing", async () => {
    const name = `Odd ${randomUUID().slice(0, 8)}`;
    const state = await actAs(callers.sellerA, () =>
      createProductAction(undefined, productForm(fields(name), "bad")),
    );
    expect(state).toMatchObject({
      ok: false,
      fieldErrors: { captureLater: ["Choose whether to charge when you ship."] },
    });
    expect(await named(name)).toEqual([]);
  });
});
