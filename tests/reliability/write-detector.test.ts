import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { createTestProduct, createTestSeller } from "@/tests/helpers/checkout";
import { dbFingerprint } from "./support/hostile";

/*
 * The hostile-input suite (hostile-input.test.ts) proves "writes nothing" by comparing database
 * fingerprints before and after each attempt: this checks the fingerprint itself sees every kind of write.
 */
describe("the write detector", () => {
  it("sees an insert, an update that keeps the same values and a delete, and not a rolled-back write", async () => {
    const product = await createTestProduct((await createTestSeller()).seller.id);
    const steps: [string, () => Promise<unknown>, boolean][] = [
      [
        "rolled back",
        () =>
          db
            .transaction(async (tx) => {
              await tx.execute(sql`update products set name = 'changed' where id = ${product.id}`);
              tx.rollback();
            })
            .catch(() => undefined),
        false,
      ],
      ["same values", () => db.execute(sql`update products set name = name where id = ${product.id}`), true],
      ["insert", () => createTestProduct(product.sellerId), true],
      ["delete", () => db.execute(sql`delete from products where id = ${product.id}`), true],
    ];
    for (const [name, write, changes] of steps) {
      const before = await dbFingerprint();
      await write();
      if (changes) expect(await dbFingerprint(), name).not.toEqual(before);
      else expect(await dbFingerprint(), name).toEqual(before);
    }
  });
});
