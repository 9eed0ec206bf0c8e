import { expect, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";

export const DEMO = {
  admin: { email: "admin@example.com", password: "admin-password-1" },
  alice: { email: "alice@example.com", password: "seller-password-1" },
  bob: { email: "bob@example.com", password: "seller-password-2" },
  buyer: { email: "buyer@example.com", password: "buyer-password-1" },
} as const;

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@e2e.example`;
}

export async function signIn(page: Page, creds: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(creds.email);
  await page.getByLabel("Password").fill(creds.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

export async function signUp(
  page: Page,
  input: { role: "buyer" | "seller"; name: string; email: string; password: string; businessName?: string },
) {
  await page.goto(`/sign-up?role=${input.role}`);
  await page.getByLabel(input.role === "seller" ? "I want to sell" : "I want to buy").check();
  await page.getByLabel("Name", { exact: true }).fill(input.name);
  await page.getByLabel("Email").fill(input.email);
  await page.getByLabel("Password").fill(input.password);
  if (input.role === "seller")
    await page.getByLabel("Shop name").fill(input.businessName ?? `${input.name}'s shop`);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}
