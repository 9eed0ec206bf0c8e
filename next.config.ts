import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Separate build directories let several dev/test servers run side by side (e2e, bench).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // `npm run bench` builds with NEXT_BENCH=1: only then do `*.bench.ts` files become routes (the
  // webhook baseline under app/api/bench/); every other build leaves them out entirely.
  pageExtensions: ["tsx", "ts", "jsx", "js", ...(process.env.NEXT_BENCH === "1" ? ["bench.ts"] : [])],
  // Native/WASM database drivers must be loaded by Node, not bundled. `stripe` too: one copy of the SDK
  // for every server bundle, so an error made by one bundle's client is the class another bundle knows.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pg",
    "@vercel/postgres",
    "@neondatabase/serverless",
    "ws",
    "stripe",
  ],
  // `next dev` only hydrates pages for origins it trusts: without this, the app opened at 127.0.0.1
  // renders but never hydrates (no card form, no embedded components).
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  // The emulator package ships TypeScript source; the app imports only its constants
  // (`@marketplace/stripe-emulator/defaults`, enforced by eslint.config.mjs), which Next compiles.
  transpilePackages: ["@marketplace/stripe-emulator"],
  poweredByHeader: false,
  // Every response: no page of ours may be framed by another site (clickjacking on the refund form or
  // the seller's embedded payouts), no MIME sniffing, no full URLs (order tokens) in Referer elsewhere.
  // Stripe's own iframes are framed *by* us, which these do not restrict.
  headers: () =>
    Promise.resolve([
      {
        source: "/:path*",
        headers: [
          // Pages get the full policy with a nonce from proxy.ts; this one covers everything else.
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          // No device APIs for anyone; the Payment Request API (wallets) only for us and Stripe.js's frames.
          {
            key: "Permissions-Policy",
            value: 'camera=(), microphone=(), geolocation=(), usb=(), payment=(self "https://js.stripe.com")',
          },
          // HTTPS deployments only: browsers ignore HSTS over http, and localhost must stay reachable.
          ...(process.env.NODE_ENV === "production" && process.env.APP_URL?.startsWith("https://")
            ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
            : []),
        ],
      },
    ]),
  // `npm run typecheck` (tsc, strict) is the type gate in CI; skipping it inside `next build` halves build time.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  experimental: {
    // Dispute evidence files (PDF/JPEG/PNG) go through server actions, and Stripe takes up to 5 MB each
    // (lib/disputes/notes.ts refuses more, in words); the default 1 MB would cut them off. Every action
    // still parses its own fields, and a body past this limit is refused before any action runs.
    serverActions: { bodySizeLimit: "6mb" },
    // forbidden() renders app/forbidden.tsx with a real 403 status for the wrong role.
    authInterrupts: true,
    // The storefront's data cache (lib/cache.ts) lives in memory only (LRU, `cacheMaxMemorySize`, 50 MB):
    // it must not outlive the process that hears the revalidations — a restarted server, a re-seeded
    // database or a reused e2e/bench build would otherwise show another database's catalogue — nor
    // grow on disk with every product id a visitor tries.
    isrFlushToDisk: false,
  },
};

export default nextConfig;
