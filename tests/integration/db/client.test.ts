import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, dbDriver } from "@/db/client";
import { users } from "@/db/schema";
import { insertUser } from "@/db/queries/users";

/**
 * Runs under each driver in CI (PGlite, node-postgres, @vercel/postgres through the WebSocket proxy):
 * the same migration and the same queries must behave the same.
 */
describe(`database driver (${dbDriver()})`, () => {
  it("uses the driver the environment asks for", () => {
    const expected = process.env.POSTGRES_URL ? "vercel" : process.env.DATABASE_URL ? "pg" : "pglite";
    expect(dbDriver()).toBe(expected);
  });

  it("has applied every migration table", async () => {
    const result = await db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    const names = (result as { rows: { table_name: string }[] }).rows.map((r) => r.table_name);
    expect(names).toEqual(
      expect.arrayContaining([
        "users",
        "connected_accounts",
        "products",
        "orders",
        "refunds",
        "disputes",
        "payouts",
        "application_fees",
        "stripe_events",
        "audit_logs",
        "platform_settings",
      ]),
    );
  });

  it("rolls a failed transaction back completely", async () => {
    const email = `tx-${randomUUID()}@test.example`;
    await expect(
      db.transaction(async (tx) => {
        await insertUser({ email, name: "Rolled back", passwordHash: null, role: "buyer" }, tx);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });

  it("enforces unique constraints the same way", async () => {
    const email = `uniq-${randomUUID()}@test.example`;
    expect(await insertUser({ email, name: "First", passwordHash: null, role: "buyer" })).toBeDefined();
    expect(await insertUser({ email, name: "Second", passwordHash: null, role: "buyer" })).toBeUndefined();
  });
});
