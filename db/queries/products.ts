import { and, desc, eq } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { products, type Product } from "@/db/schema";

export async function getProductById(
  { id }: { id: string },
  ex: Executor = db,
): Promise<Product | undefined> {
  const [row] = await ex.select().from(products).where(eq(products.id, id)).limit(1);
  return row;
}

export async function getProductBySellerAndName(
  { sellerId, name }: { sellerId: string; name: string },
  ex: Executor = db,
): Promise<Product | undefined> {
  const [row] = await ex
    .select()
    .from(products)
    .where(and(eq(products.sellerId, sellerId), eq(products.name, name)))
    .limit(1);
  return row;
}

export type NewProduct = Pick<
  typeof products.$inferInsert,
  "sellerId" | "name" | "description" | "price" | "currency" | "captureLater"
>;

export async function insertProduct(input: NewProduct, ex: Executor = db): Promise<Product> {
  const [row] = await ex.insert(products).values(input).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** A seller's own products, newest first (the dashboard list; inactive ones included). */
export async function listProductsBySeller(
  { sellerId }: { sellerId: string },
  ex: Executor = db,
): Promise<Product[]> {
  return ex
    .select()
    .from(products)
    .where(eq(products.sellerId, sellerId))
    .orderBy(desc(products.createdAt), desc(products.id));
}

/** A product only if it belongs to `sellerId`: another seller's id reads as "not found". */
export async function getProductOfSeller(
  { id, sellerId }: { id: string; sellerId: string },
  ex: Executor = db,
): Promise<Product | undefined> {
  const [row] = await ex
    .select()
    .from(products)
    .where(and(eq(products.id, id), eq(products.sellerId, sellerId)))
    .limit(1);
  return row;
}

/**
 * Updates a product of `sellerId` only: the seller is part of the WHERE clause, so an id belonging to
 * someone else matches no row and changes nothing. Returns undefined then.
 */
export async function updateProductOfSeller(
  {
    id,
    sellerId,
    values,
  }: {
    id: string;
    sellerId: string;
    values: Partial<Pick<Product, "name" | "description" | "price" | "currency" | "active" | "captureLater">>;
  },
  ex: Executor = db,
): Promise<Product | undefined> {
  const [row] = await ex
    .update(products)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(products.id, id), eq(products.sellerId, sellerId)))
    .returning();
  return row;
}
