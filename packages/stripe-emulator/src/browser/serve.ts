/**
 * Serves the emulator's stand-ins for https://js.stripe.com (fake Stripe.js) and
 * https://connect-js.stripe.com (fake Connect.js).
 *
 * Each script is a TypeScript entry module (stripe/index.ts, connect/index.ts) that esbuild bundles, on
 * first request, into one classic script (an IIFE, see ../bundle.ts); the result is cached per process.
 */
import { bundleScript } from "../bundle";

/** The entry module of the fake Stripe.js: it assigns `window.Stripe`. */
export const STRIPE_JS_ENTRY = new URL("./stripe/index.ts", import.meta.url);
/** The entry module of the fake Connect.js: it defines `<stripe-connect-*>` and `window.StripeConnect`. */
export const CONNECT_JS_ENTRY = new URL("./connect/index.ts", import.meta.url);

const ASSETS = new Map<string, { entry: URL; banner: string }>([
  [
    "/js/stripe.js",
    {
      entry: STRIPE_JS_ENTRY,
      banner:
        "/* Fake Stripe.js served by the offline Stripe emulator (packages/stripe-emulator/src/browser). Not Stripe's code. */",
    },
  ],
  [
    "/js/connect.js",
    {
      entry: CONNECT_JS_ENTRY,
      banner:
        "/* Fake Connect.js served by the offline Stripe emulator (packages/stripe-emulator/src/browser). Not Stripe's code. */",
    },
  ],
]);

/** `/js/stripe.js` and `/js/connect.js` (query strings ignored); null for any other path. */
export async function serveBrowserAsset(
  pathname: string,
): Promise<{ contentType: string; body: string } | null> {
  const path = pathname.split("?")[0] ?? "";
  const asset = ASSETS.get(path);
  if (!asset) return null;
  const body = await bundleScript(asset.entry, { banner: asset.banner });
  return { contentType: "application/javascript; charset=utf-8", body };
}
