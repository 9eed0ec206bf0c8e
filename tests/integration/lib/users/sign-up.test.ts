import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, expectTypeOf, it } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { isAppError } from "@/lib/errors";
import { verifyPassword } from "@/lib/password";
import { signUpSchema, signUpUser, type SignUpInput } from "@/lib/users/sign-up";

/*
 * signUpUser takes what signUpSchema parsed (the sign-up action parses once); the schema's refusals are
 * tested here, the action's in tests/integration/app/(auth)/sign-up/actions.test.ts.
 */

const email = () => `new-${randomUUID().slice(0, 8)}@Test.Example`;
const valid = (overrides: Record<string, unknown> = {}) => ({
  name: "Nora New",
  email: email(),
  password: "correct horse battery",
  role: "buyer",
  ...overrides,
});

async function rowsFor(address: string) {
  return db.select().from(users).where(eq(users.email, address.toLowerCase()));
}

describe("sign-up", () => {
  it("creates a buyer with a bcrypt hash and a lowercased email", async () => {
    const input = signUpSchema.parse(valid());
    const user = await signUpUser(input);
    expect(user.role).toBe("buyer");
    expect(user.email).toBe(input.email.toLowerCase());
    expect(user.passwordHash).not.toContain(input.password);
    expect(await verifyPassword(input.password, user.passwordHash ?? "")).toBe(true);
  });

  it("creates a seller with a shop name and country", async () => {
    const user = await signUpUser(
      signUpSchema.parse(valid({ role: "seller", businessName: "Nora's Nook", country: "GB" })),
    );
    expect(user).toMatchObject({ role: "seller", businessName: "Nora's Nook", country: "GB" });
  });

  it("refuses an email that exists, in any letter case, and writes nothing", async () => {
    const input = signUpSchema.parse(valid());
    await signUpUser(input);
    const again = signUpSchema.parse(valid({ email: input.email.toUpperCase(), name: "Impostor" }));
    await expect(signUpUser(again)).rejects.toSatisfy(
      (e) => isAppError(e) && e.code === "conflict:email_taken",
    );
    const rows = await rowsFor(input.email);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.name).toBe("Nora New");
  });

  it("lets exactly one of two concurrent sign-ups with the same email win", async () => {
    const input = signUpSchema.parse(valid());
    const results = await Promise.allSettled([signUpUser(input), signUpUser({ ...input, name: "Twin" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await rowsFor(input.email)).toHaveLength(1);
  });

  it.each([
    ["a short password", { password: "short-9ch" }, "password"],
    ["a malformed email", { email: "not-an-email" }, "email"],
    ["a missing name", { name: "" }, "name"],
    ["an unknown role", { role: "admin" }, "role"],
    ["a seller without a shop name", { role: "seller" }, "businessName"],
  ])("refuses %s with a field error", (_label, overrides, field) => {
    const parsed = signUpSchema.safeParse(valid(overrides));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toContain(field);
  });

  it("refuses missing fields entirely", () => {
    const parsed = signUpSchema.safeParse({});
    expect(parsed.success).toBe(false);
    const fields = parsed.error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(fields).toEqual(expect.arrayContaining(["name", "email", "password", "role"]));
  });

  it("never lets sign-up create an admin: signUpUser's input cannot name one", () => {
    // The form's action refuses role "admin" (app/(auth)/sign-up/actions.test.ts); past it, the type
    // signUpUser takes has no room for an admin.
    expectTypeOf<SignUpInput["role"]>().toEqualTypeOf<"buyer" | "seller">();
  });
});
