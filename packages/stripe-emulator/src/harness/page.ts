/**
 * The fakes harness: a page the emulator serves itself (`GET /_emulator/harness/`) that runs the REAL
 * `@stripe/stripe-js` / `@stripe/react-stripe-js` and `@stripe/connect-js` / `@stripe/react-connect-js`
 * on top of the emulator's fake Stripe.js and Connect.js, loaded from this same origin. Driven by
 * e2e/stripe-fakes.spec.ts; a person can open it too (the index lists the views). Everything lives under
 * `/_emulator/harness/` (trailing slash included), the prefix the control API's key requirement exempts.
 *
 * ?view=payment&flow=intent|deferred&stripeAccount=1|0&redirect=always|if_required
 *   &intentCaptureMethod=automatic|manual (the PaymentIntent's capture_method; default: Stripe's)
 *   &captureMethod=automatic|automatic_async|manual (deferred flow: the Elements option; default: none passed)
 * ?view=connect&session=all|limited|expired&seeded=1&components=payouts,payments
 * ?view=setup&flow=intent|deferred&clientSecret=seti_…_secret_…&account=acct_… (stripe.confirmSetup)
 * ?view=payment-method&account=acct_… (stripe.createPaymentMethod; no account: the platform)
 * ?view=next-action&clientSecret=pi_…|seti_…&account=acct_… (stripe.handleNextAction)
 *   (these three take intents the caller created with the secret key; the page creates nothing)
 * ?view=return (the return_url of a redirecting payment)
 *
 * The React app is `GET /_emulator/harness/app.js` (app/main.tsx, bundled with esbuild on first request);
 * its server side is `POST /_emulator/harness/api` (api.ts).
 */
import { bundleScript } from "../bundle";
import { EMULATOR_DEFAULTS } from "../defaults";
import { esc } from "../html";
import { html, type HttpContext, type HttpResult } from "../http";

const TITLES: Record<string, string> = {
  payment: "Fake Stripe.js: Payment Element",
  connect: "Fake Connect.js: embedded components",
  return: "Payment return",
  setup: "Fake Stripe.js: save a card",
  "payment-method": "Fake Stripe.js: create a PaymentMethod",
  "next-action": "Fake Stripe.js: handle the next action",
};

const STYLE = `
  *, *::before, *::after { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #0f172a; background: #f8fafc; }
  main { max-width: 960px; margin: 0 auto; padding: 24px 32px; }
  main.narrow { max-width: 32rem; }
  .note { color: #475569; font-size: 12px; }
  h1 { font-size: 24px; font-weight: 600; margin: 0 0 16px; }
  h2 { font-size: 14px; font-weight: 600; margin: 0; }
  .stack > * + * { margin-top: 16px; }
  .alert { border: 1px solid; border-radius: 6px; padding: 12px 16px; font-size: 14px; }
  .alert.error { border-color: #fecaca; background: #fef2f2; color: #991b1b; }
  .alert.success { border-color: #bbf7d0; background: #f0fdf4; color: #166534; }
  .alert.info { border-color: #bae6fd; background: #f0f9ff; color: #075985; }
  .alert.warning { border-color: #fde68a; background: #fffbeb; color: #78350f; }
  .button { display: inline-flex; align-items: center; gap: 8px; padding: 8px 16px; border: 0; border-radius: 6px;
    background: #0e7490; color: #fff; font: inherit; font-size: 14px; font-weight: 500; cursor: pointer; }
  .button:disabled { opacity: .6; cursor: not-allowed; }
  .mono { font-family: ui-monospace, monospace; font-size: 12px; }
  .sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0,0,0,0); white-space: nowrap; border: 0; }
  dl { margin: 0; font-size: 12px; color: #475569; } dt, dd { display: inline; margin: 0; } dt { font-weight: 500; }
`;

/** GET /_emulator/harness/: the shell; the view is rendered by app.js from the query string. */
export function harnessPage(ctx: HttpContext): HttpResult {
  const view = ctx.url.searchParams.get("view") ?? "";
  const title = TITLES[view] ?? "Stripe fakes (offline)";
  const narrow = ["payment", "return", "setup", "payment-method", "next-action"].includes(view);
  return html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
      `<meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<meta name="robots" content="noindex"><title>${esc(title)}</title><style>${STYLE}</style>` +
      // The fakes first (as the app's layout loads them), so the real loaders find window.Stripe and
      // window.StripeConnect instead of injecting js.stripe.com.
      `<script src="/js/stripe.js"></script><script src="/js/connect.js"></script></head>` +
      `<body><main class="${narrow ? "narrow" : ""}"><p class="note">Stripe emulator (test mode, offline): fakes harness</p>` +
      `<div id="root" data-publishable-key="${esc(EMULATOR_DEFAULTS.publishableKey)}">` +
      `<p role="status">Loading…</p></div></main>` +
      `<script src="/_emulator/harness/app.js"></script></body></html>`,
  );
}

/** GET /_emulator/harness/app.js: the React app, bundled once per process. */
export async function harnessApp(): Promise<HttpResult> {
  const body = await bundleScript(new URL("./app/main.tsx", import.meta.url), {
    banner: "/* Stripe emulator: fakes harness app (React + the real @stripe loaders) */",
    define: { "process.env.NODE_ENV": '"production"' },
  });
  return { kind: "asset", contentType: "text/javascript; charset=utf-8", body };
}
