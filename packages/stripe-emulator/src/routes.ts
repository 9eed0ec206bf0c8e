/**
 * Every path the emulator answers, in one table: the Stripe REST surface (API key required) and the
 * keyless pages/endpoints (OAuth page, hosted pages, browser fakes' endpoints, control API, overview).
 */
import { serveBrowserAsset } from "./browser/serve";
import type { Emulator } from "./emulator";
import { harnessApi } from "./harness/api";
import { harnessApp, harnessPage } from "./harness/page";
import { json, redirect, type HttpHandler, type HttpResult } from "./http";
import { registerAccountSessions } from "./resources/account-sessions";
import { registerAccounts } from "./resources/accounts";
import { registerApplicationFees } from "./resources/application-fees";
import { registerBalance } from "./resources/balance-payouts";
import * as browser from "./resources/browser-api";
import { authenticatePayment, authenticateSetupIntent } from "./resources/browser-authenticate";
import { elementsSession } from "./resources/browser-elements";
import { connectOnboardingProgress } from "./resources/browser-onboarding";
import { registerCharges } from "./resources/charges";
import { checkoutPage, checkoutSubmit } from "./resources/checkout-page";
import { checkoutAsyncPayment, registerCheckoutSessions } from "./resources/checkout-sessions";
import * as control from "./resources/control";
import { registerControlledAccounts } from "./resources/controlled-accounts";
import { registerCustomersAndEvents } from "./resources/customers-events";
import { registerDisputes, resolveDisputeControl } from "./resources/dispute-api";
import { registerFiles } from "./resources/files";
import * as hosted from "./resources/hosted-pages";
import { authorizeDecision, authorizePage, registerOAuth } from "./resources/oauth";
import { registerPaymentIntents } from "./resources/payment-intents";
import { registerPaymentMethods } from "./resources/payment-methods";
import { registerRefunds } from "./resources/refunds";
import { registerSetupIntents } from "./resources/setup-intents";
import { registerTransferReversals } from "./resources/transfer-reversals";
import { registerTransfers } from "./resources/transfers";
import { overview } from "./resources/ui";
import { registerWebhookEndpoints } from "./resources/webhook-endpoints";
import type { Router } from "./router";
import { registerTicks } from "./scheduled";

export function registerApi(api: Router, em: Emulator): void {
  registerAccounts(api);
  registerControlledAccounts(api);
  registerAccountSessions(api);
  registerPaymentIntents(api);
  registerPaymentMethods(api);
  registerSetupIntents(api);
  registerCharges(api);
  registerDisputes(api);
  registerFiles(api);
  registerRefunds(api);
  registerBalance(api);
  registerApplicationFees(api);
  registerCheckoutSessions(api);
  registerTransfers(api);
  registerTransferReversals(api);
  registerCustomersAndEvents(api);
  registerOAuth(api);
  registerWebhookEndpoints(api);
  registerTicks(em);
}

/** The fake Stripe.js / Connect.js, built from browser/ by esbuild (`/js/stripe.js`, `/js/connect.js`). */
async function browserAsset(pathname: string): Promise<HttpResult> {
  const asset = await serveBrowserAsset(pathname);
  if (!asset)
    return json({ error: { type: "invalid_request_error", message: `No such asset: ${pathname}` } }, 404);
  return { kind: "asset", contentType: asset.contentType, body: asset.body };
}

export function registerPages(pages: Router<HttpHandler>): void {
  pages
    .add("GET", "/", overview)
    .add("GET", "/js/:file", (ctx) => browserAsset(ctx.path))
    .add("GET", "/oauth/authorize", authorizePage)
    .add("POST", "/oauth/authorize/decision", authorizeDecision)
    // Hosted pages
    .add("GET", "/_emulator/hosted/onboarding/:token", hosted.onboardingPage)
    .add("POST", "/_emulator/hosted/onboarding/:token/submit", hosted.onboardingSubmit)
    .add("GET", "/_emulator/hosted/express/:token", hosted.expressDashboard)
    .add("GET", "/_emulator/hosted/3ds/:id", hosted.threeDsPage)
    .add("POST", "/_emulator/hosted/3ds/:id", hosted.threeDsSubmit)
    .add("GET", "/_emulator/hosted/receipts/:id", hosted.receiptPage)
    .add("GET", "/_emulator/hosted/checkout/:id", checkoutPage)
    .add("POST", "/_emulator/hosted/checkout/:id", checkoutSubmit)
    // Browser fakes
    .add("POST", "/_emulator/browser/payment_intents/:id/authenticate", authenticatePayment)
    .add("POST", "/_emulator/browser/setup_intents/:id/authenticate", authenticateSetupIntent)
    .add("POST", "/_emulator/browser/account_sessions/claim", browser.claim)
    .add("GET", "/_emulator/browser/elements/session", elementsSession)
    .add("GET", "/_emulator/browser/connect/account", browser.connectAccount)
    .add("POST", "/_emulator/browser/connect/account", browser.connectUpdateAccount)
    .add("POST", "/_emulator/browser/connect/onboarding", browser.connectOnboarding)
    .add("POST", "/_emulator/browser/connect/onboarding/progress", connectOnboardingProgress)
    .add("GET", "/_emulator/browser/connect/balance", browser.connectBalance)
    .add("GET", "/_emulator/browser/connect/payouts", browser.connectPayouts)
    .add("POST", "/_emulator/browser/connect/payouts", browser.connectCreatePayout)
    .add("POST", "/_emulator/browser/connect/payout_schedule", browser.connectPayoutSchedule)
    .add("GET", "/_emulator/browser/connect/charges", browser.connectCharges)
    .add("POST", "/_emulator/browser/connect/refunds", browser.connectRefund)
    // Fakes harness (src/harness): a page of its own running the real @stripe loaders on the fakes
    .add("GET", "/_emulator/harness", (ctx) => redirect(`/_emulator/harness/${ctx.url.search}`, 302))
    .add("GET", "/_emulator/harness/", harnessPage)
    .add("GET", "/_emulator/harness/app.js", harnessApp)
    .add("POST", "/_emulator/harness/api", harnessApi)
    // Control API
    .add("GET", "/_emulator/events", control.listEvents)
    .add("GET", "/_emulator/events/:id/deliveries", control.eventDeliveries)
    .add("GET", "/_emulator/events/:id/signed", control.signedEvent)
    .add("POST", "/_emulator/events/:id/resend", control.resendEvent)
    .add("POST", "/_emulator/events/:id/duplicate", control.duplicateEvent)
    .add("GET", "/_emulator/deliveries", control.listDeliveries)
    .add("POST", "/_emulator/delivery/pause", control.pauseDelivery)
    .add("POST", "/_emulator/delivery/resume", control.resumeDelivery)
    .add("POST", "/_emulator/webhook_endpoints", control.addEndpoint)
    .add("DELETE", "/_emulator/webhook_endpoints/:id", control.removeEndpoint)
    .add("POST", "/_emulator/clock/advance", control.advanceClock)
    .add("GET", "/_emulator/faults", control.listFaults)
    .add("POST", "/_emulator/faults", control.addFault)
    .add("DELETE", "/_emulator/faults", control.clearFaults)
    .add("POST", "/_emulator/accounts/:id/onboard", control.onboard)
    .add("POST", "/_emulator/accounts/:id/requirements", control.forceRequirements)
    .add("POST", "/_emulator/disputes/:id/resolve", resolveDisputeControl)
    .add("POST", "/_emulator/checkout/sessions/:id/async_payment", checkoutAsyncPayment)
    .add("POST", "/_emulator/reset", control.reset)
    .add("GET", "/_emulator/state", control.state);
}
