import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./support/auth";

/*
 * Clickjacking and sniffing: every response forbids framing by other sites and MIME sniffing — pages,
 * redirects, route handlers, and the money screens (admin refund form, seller payouts) above all.
 */

function expectHardened(headers: Record<string, string>) {
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
}

/** The page's policy (proxy.ts): a fresh nonce, no inline scripts without it, Stripe's stand-in allowed. */
function pagePolicy(headers: Record<string, string>): Map<string, string[]> {
  const policy = headers["content-security-policy"] ?? "";
  return new Map(
    policy
      .split(/[;,]\s*/)
      .map((d) => d.trim().split(/\s+/))
      .map(([name = "", ...sources]) => [name, sources] as const),
  );
}

test("pages carry a nonce-based CSP that their own inline scripts satisfy, and error pages are hardened too", async ({
  page,
  request,
}) => {
  const first = await request.get("/shop");
  const second = await request.get("/shop");
  const policy = pagePolicy(first.headers());
  const scriptSrc = policy.get("script-src") ?? [];
  expect(scriptSrc).toContain("'strict-dynamic'");
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc.join(" "))?.[1];
  expect(nonce).toBeTruthy();
  expect(pagePolicy(second.headers()).get("script-src")?.join(" ")).not.toContain(`'nonce-${nonce}'`);
  // Every script tag of the page carries the request's nonce (the browser would block the others).
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  // In a real browser under that policy the page hydrates and nothing is refused.
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to/.test(msg.text())) violations.push(msg.text());
  });
  await page.goto("/shop");
  await page.getByRole("link", { name: "Stoneware mug" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Stoneware mug" })).toBeVisible();
  expect(violations).toEqual([]);

  const missing = await request.get("/products/00000000-0000-4000-8000-000000000000");
  expect(missing.status()).toBe(404);
  expectHardened(missing.headers());
  expect(pagePolicy(missing.headers()).get("script-src")).toContain("'strict-dynamic'");
});

test("public pages, redirects and route handlers carry the anti-framing headers", async ({ request }) => {
  for (const path of ["/", "/shop", "/sign-in", "/api/health"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expectHardened(res.headers());
  }
  const redirect = await request.get("/admin", { maxRedirects: 0 });
  expect(redirect.status()).toBeGreaterThanOrEqual(300);
  expectHardened(redirect.headers());
});

test("the admin's refund screens and the seller's payouts forbid framing", async ({ page }) => {
  // (A framing check in the browser itself was tried and dropped: Chromium here refuses the cross-origin
  // local frame with or without these headers, so it could not fail. The headers are what browsers obey.)
  await signIn(page, DEMO.admin);
  for (const path of ["/admin/orders", "/admin"]) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(200);
    expectHardened(res.headers());
  }
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, DEMO.alice);
  const payouts = await page.request.get("/dashboard/payouts");
  expect(payouts.status()).toBe(200);
  expectHardened(payouts.headers());
});

test("a mutating Connect route refuses a request sent by another site, with the seller's cookie", async ({
  page,
}) => {
  await signIn(page, DEMO.alice);
  const res = await page.request.post("/api/connect/account-session", {
    headers: { origin: "https://evil.example", "content-type": "application/json" },
    data: {},
  });
  expect(res.status()).toBe(403);
  expect(await res.json()).toMatchObject({ error: { code: "forbidden:origin" } });
  expectHardened(res.headers());
  const own = await page.request.post("/api/connect/account-session", {
    headers: { origin: new URL(page.url()).origin, "content-type": "application/json" },
    data: {},
  });
  expect(own.status()).toBe(200);
});
