"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { validatedAction, type ActionState } from "@/lib/actions";
import { formatMoney } from "@/lib/money";
import {
  createSellerProduct,
  productActiveSchema,
  productFormSchema,
  setSellerProductActive,
  updateProductSchema,
  updateSellerProduct,
} from "@/lib/products/seller-products";

/*
 * Product management for sellers. The seller is the session user (validatedAction), never a form
 * field; a product id of another seller is "not found". Prices arrive as typed ("12.50") and are
 * stored in minor units.
 */

/** The seller's own list; the public pages are revalidated by lib/products (lib/cache.ts owns their tags). */
function refreshCatalogue() {
  revalidatePath("/dashboard/products");
}

export const createProductAction = validatedAction(
  { schema: productFormSchema, roles: ["seller"], surface: "product" },
  async (input, seller): Promise<ActionState> => {
    const product = await createSellerProduct(seller, input);
    refreshCatalogue();
    return {
      ok: true,
      message: `“${product.name}” was added at ${formatMoney(product.price, product.currency)}.`,
    };
  },
);

/** Saves the edit form, then goes back to the list (only when the save worked). */
export const updateProductAction = validatedAction(
  { schema: updateProductSchema, roles: ["seller"], surface: "product" },
  async ({ productId, ...input }, seller): Promise<ActionState> => {
    await updateSellerProduct(seller, productId, input);
    refreshCatalogue();
    redirect("/dashboard/products?saved=1");
  },
);

/** Deactivated products leave the shop at once; activating brings them back (if the seller can charge). */
export const setProductActiveAction = validatedAction(
  { schema: productActiveSchema, roles: ["seller"], surface: "product" },
  async ({ productId, active }, seller): Promise<ActionState> => {
    const product = await setSellerProductActive(seller, productId, active);
    refreshCatalogue();
    return { ok: true, message: `“${product.name}” is now ${active ? "active" : "inactive"}.` };
  },
);
