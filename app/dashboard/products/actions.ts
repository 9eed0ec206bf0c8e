"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { validatedAction, type ActionState } from "@/lib/actions";
import { formatMoney } from "@/lib/format";
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

function refreshCatalogue() {
  revalidatePath("/dashboard/products");
  revalidatePath("/shop");
  revalidatePath("/");
}

const runCreate = validatedAction(
  { schema: productFormSchema, roles: ["seller"], surface: "product" },
  async (input, user): Promise<ActionState> => {
    const product = await createSellerProduct(user, input);
    refreshCatalogue();
    return {
      ok: true,
      message: `“${product.name}” was added at ${formatMoney(product.price, product.currency)}.`,
    };
  },
);

const runUpdate = validatedAction(
  { schema: updateProductSchema, roles: ["seller"], surface: "product" },
  async ({ productId, ...input }, user): Promise<ActionState> => {
    await updateSellerProduct(user, productId, input);
    refreshCatalogue();
    revalidatePath(`/products/${productId}`);
    return { ok: true };
  },
);

export async function createProductAction(
  prev: ActionState | undefined,
  formData: FormData,
): Promise<ActionState> {
  return runCreate(prev, formData);
}

/** Saves the edit form, then goes back to the list (only when the save worked). */
export async function updateProductAction(
  prev: ActionState | undefined,
  formData: FormData,
): Promise<ActionState> {
  const state = await runUpdate(prev, formData);
  if (state.ok) redirect("/dashboard/products?saved=1");
  return state;
}

const runSetActive = validatedAction(
  { schema: productActiveSchema, roles: ["seller"], surface: "product" },
  async ({ productId, active }, user): Promise<ActionState> => {
    const product = await setSellerProductActive(user, productId, active);
    refreshCatalogue();
    revalidatePath(`/products/${productId}`);
    return { ok: true, message: `“${product.name}” is now ${active ? "active" : "inactive"}.` };
  },
);

/** Deactivated products leave the shop at once; activating brings them back (if the seller can charge). */
export async function setProductActiveAction(
  prev: ActionState | undefined,
  formData: FormData,
): Promise<ActionState> {
  return runSetActive(prev, formData);
}
