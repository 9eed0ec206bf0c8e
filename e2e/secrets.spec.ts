import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { OFFLINE_STRIPE } from "../lib/env";
import { DEMO, signIn } from "./support/auth";

/*
 * No secret key, webhook secret or auth secret reaches a browser: not in any file the production build
 * serves from /_next/static, not in any page's HTML (which carries the React Server Components payload
 * inline), not in the RSC payload fetched on client navigation. Part of the reliability suite
 * (`npm run test:reliability` runs this spec after the vitest files); it lives here because it needs the
 * production build the Playwright server makes, and `npm test` must not build Next twice.
 */

const distDir = `.next-e2e-${process.env.E2E_PORT ?? "3100"}`;

/** The values the server holds: the offline ones it runs with here, and any real ones set in the environment. */
const SECRETS = [
  OFFLINE_STRIPE.secretKey,
  OFFLINE_STRIPE.webhookSecret,
  OFFLINE_STRIPE.connectWebhookSecret,
  OFFLINE_STRIPE.authSecret,
  OFFLINE_STRIPE.cronSecret,
  OFFLINE_STRIPE.stripeAppSigningSecret,
  ...[
    "STRIPE_SECRET_KEY",
    "STRIPE_WEBHOOK_SECRET",
    "STRIPE_CONNECT_WEBHOOK_SECRET",
    "AUTH_SECRET",
    "AUTH_GITHUB_SECRET",
    "CRON_SECRET",
    "STRIPE_APP_SIGNING_SECRET",
  ]
    .map((name) => process.env[name])
    .filter((v): v is string => Boolean(v && v.length >= 8)),
];
/** Anything shaped like a Stripe secret, even one this run does not know. */
const SHAPES = [
  /\b(?:sk|rk)_(?:test|live)_[A-Za-z0-9]{6,}/,
  /\bwhsec_[A-Za-z0-9]{6,}/,
  /\babsec_[A-Za-z0-9]{6,}/,
];

function leaks(text: string): string[] {
  const found = SECRETS.filter((s) => text.includes(s)).map((s) => `${s.slice(0, 8)}…`);
  for (const shape of SHAPES) {
    const match = shape.exec(text);
    if (match) found.push(`${match[0].slice(0, 10)}…`);
  }
  return found;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

async function scanPage(
  request: APIRequestContext,
  url: string,
): Promise<{ url: string; leaks: string[] }[]> {
  const results = [];
  for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
    const res = await request.get(url, { headers, maxRedirects: 0 });
    expect(res.status(), `${url} ${JSON.stringify(headers)}`).toBeLessThan(500);
    results.push({ url: `${url}${"RSC" in headers ? " (RSC)" : ""}`, leaks: leaks(await res.text()) });
  }
  return results;
}

test.describe("secrets stay on the server", () => {
  test("the scanner recognises each secret", () => {
    for (const secret of SECRETS) expect(leaks(`x${secret}x`)).not.toEqual([]);
    expect(leaks("pk_test_emulator_platform is public")).toEqual([]);
  });

  test("nothing under the build's static folder holds a secret", () => {
    const files = filesUnder(path.join(distDir, "static"));
    expect(files.filter((f) => f.endsWith(".js")).length).toBeGreaterThan(10);
    const leaking = files
      .map((f) => ({ f, found: leaks(readFileSync(f, "latin1")) }))
      .filter((x) => x.found.length > 0);
    expect(leaking).toEqual([]);
  });

  test("no page's HTML or RSC payload holds a secret, for guests, buyers, sellers and admins", async ({
    page,
    request,
  }) => {
    const shop = await (await request.get("/shop")).text();
    const productId = /\/products\/([0-9a-f-]{36})/.exec(shop)?.[1];
    expect(productId).toBeTruthy();
    const publicPages = [
      "/",
      "/shop",
      `/products/${productId}`,
      `/checkout/${productId}`,
      "/sign-in",
      "/sign-up",
      "/no-such-page",
    ];
    const results = [];
    for (const url of publicPages) results.push(...(await scanPage(request, url)));
    for (const [who, pages] of [
      [DEMO.buyer, ["/orders", `/checkout/${productId}`]],
      [DEMO.alice, ["/dashboard", "/dashboard/payouts", "/dashboard/products"]],
      [DEMO.admin, ["/admin", "/admin/orders", "/admin/sellers", "/admin/events", "/admin/audit"]],
    ] as const) {
      await page.context().clearCookies();
      await signIn(page, who);
      for (const url of pages) results.push(...(await scanPage(page.request, url)));
    }
    expect(results.length).toBeGreaterThan(20);
    expect(results.filter((r) => r.leaks.length > 0)).toEqual([]);
  });
});
