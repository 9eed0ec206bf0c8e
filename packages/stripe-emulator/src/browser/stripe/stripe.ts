/*
 * The Stripe() constructor and the instance it returns. Part of the fake Stripe.js bundle; index.ts
 * assigns the constructor to window.Stripe.
 *
 * What @stripe/stripe-js and @stripe/react-stripe-js rely on:
 * - loadStripe() (pure) resolves window.Stripe if it is already defined, warns unless Stripe.version
 *   matches its release train ("endive"), calls Stripe(...args) and then stripe._registerWrapper().
 * - <Elements> accepts the instance only if elements, createToken, createPaymentMethod and
 *   confirmCardPayment are functions, calls stripe.elements(options), elements.update(),
 *   _registerWrapper() and registerAppInfo(); <PaymentElement> calls elements.create('payment'),
 *   element.mount/on/off/update/destroy.
 */
import type { PaymentIntent, StripeConstructorOptions, StripeError } from "@stripe/stripe-js";
import { emuRequest } from "../common";
import { runThreeDSChallenge } from "./challenge";
import { confirmPayment } from "./confirm-payment";
import { createElementsGroup, intentIdFromSecret } from "./elements";
import { integrationError } from "./payment-form";
import type { FakeStripe, FakeStripeConstructor, FormBody, StripeContext, UnsupportedResult } from "./types";

const STRIPE_RELEASE_TRAIN = "endive";

function unsupported(method: string): UnsupportedResult {
  return Promise.resolve({
    error: {
      type: "invalid_request_error",
      code: "emulator_unsupported",
      message: `stripe.${method}() is not implemented by the offline Stripe emulator. Use the Payment Element with stripe.confirmPayment().`,
    },
  });
}

function returnUrlWith(
  returnUrl: string | undefined,
  paymentIntent: PaymentIntent,
  clientSecret: string,
  redirectStatus: string,
): string {
  const url = new URL(String(returnUrl), window.location.href);
  url.searchParams.set("payment_intent", paymentIntent.id);
  url.searchParams.set("payment_intent_client_secret", clientSecret);
  url.searchParams.set("redirect_status", redirectStatus);
  return url.toString();
}

function errorFromIntent(pi: PaymentIntent): StripeError {
  const last = pi.last_payment_error || {};
  return Object.assign({ type: "card_error" as const }, last, { payment_intent: pi });
}

const TERMINAL_STATUS: Partial<Record<PaymentIntent.Status, string>> = {
  succeeded: "succeeded",
  processing: "processing",
  requires_capture: "succeeded",
};

function createStripeContext(
  origin: string,
  publishableKey: string,
  options: StripeConstructorOptions,
): StripeContext {
  const ctx: StripeContext = {
    key: publishableKey,
    stripeAccount: options.stripeAccount || null,
    apiVersion: options.apiVersion || null,
    origin,
    appearance: undefined,
    wrappers: [],
    appInfo: null,
    headers() {
      const headers: Record<string, string> = { Authorization: `Bearer ${ctx.key}` };
      if (ctx.stripeAccount) headers["Stripe-Account"] = ctx.stripeAccount;
      if (ctx.apiVersion) headers["Stripe-Version"] = ctx.apiVersion;
      return headers;
    },
    async retrieveIntent(clientSecret) {
      const id = intentIdFromSecret(clientSecret, "retrievePaymentIntent");
      const res = await emuRequest<PaymentIntent>(
        ctx.origin,
        "GET",
        `/v1/payment_intents/${encodeURIComponent(id)}`,
        {
          headers: ctx.headers(),
          query: { client_secret: clientSecret },
        },
      );
      return res.ok ? { paymentIntent: res.body } : { error: res.body.error };
    },
    async confirmIntent(clientSecret, body) {
      const id = intentIdFromSecret(clientSecret, "stripe.confirmPayment()");
      const res = await emuRequest<PaymentIntent>(
        ctx.origin,
        "POST",
        `/v1/payment_intents/${encodeURIComponent(id)}/confirm`,
        {
          headers: ctx.headers(),
          form: Object.assign({}, body, { client_secret: clientSecret }),
        },
      );
      return res.ok ? { paymentIntent: res.body } : { error: res.body.error };
    },
    async settle(paymentIntent, clientSecret, flow) {
      let pi = paymentIntent;
      for (
        let round = 0;
        pi.status === "requires_action" && flow.handleActions !== false && round < 3;
        round++
      ) {
        const auth = await runThreeDSChallenge(ctx, pi, clientSecret);
        if (auth.error) return { error: auth.error };
        pi = auth.paymentIntent;
      }
      if (pi.status === "requires_payment_method" && pi.last_payment_error)
        return { error: errorFromIntent(pi) };
      const terminal = TERMINAL_STATUS[pi.status];
      if (flow.redirect === "always" && terminal) {
        window.location.assign(returnUrlWith(flow.returnUrl, pi, clientSecret, terminal));
        // Like Stripe.js: the promise never settles because the page is navigating away.
        return new Promise<never>(() => {});
      }
      return { paymentIntent: pi };
    },
  };
  return ctx;
}

function createStripeInstance(ctx: StripeContext): FakeStripe {
  const stripe: FakeStripe = {
    elements(options) {
      const group = createElementsGroup(ctx, options);
      if (options && options.appearance) ctx.appearance = options.appearance;
      return group;
    },

    confirmPayment: (params) => confirmPayment(ctx, params),

    async confirmCardPayment(clientSecret, data, options) {
      intentIdFromSecret(clientSecret, "stripe.confirmCardPayment()");
      const body: FormBody = {};
      const pm = data && data.payment_method;
      if (pm && typeof pm !== "string") {
        throw integrationError(
          "The offline Stripe emulator's confirmCardPayment() accepts a payment method id (e.g. pm_card_visa) only; use the Payment Element with confirmPayment().",
        );
      }
      if (pm) body.payment_method = pm;
      if (data && data.return_url) body.return_url = data.return_url;
      const confirmed = await ctx.confirmIntent(clientSecret, body);
      if (confirmed.error) return { error: confirmed.error };
      const handleActions = !options || options.handleActions !== false;
      return ctx.settle(confirmed.paymentIntent, clientSecret, { redirect: "if_required", handleActions });
    },

    retrievePaymentIntent(clientSecret) {
      return ctx.retrieveIntent(clientSecret);
    },

    async handleNextAction(params) {
      const clientSecret = params && params.clientSecret;
      const retrieved = await ctx.retrieveIntent(clientSecret);
      if (retrieved.error) return retrieved;
      if (retrieved.paymentIntent.status !== "requires_action") {
        return {
          error: {
            type: "invalid_request_error",
            code: "payment_intent_unexpected_state",
            message: `handleNextAction: the PaymentIntent has status "${retrieved.paymentIntent.status}"; it has no next action to handle.`,
            payment_intent: retrieved.paymentIntent,
          },
        };
      }
      return ctx.settle(retrieved.paymentIntent, clientSecret, { redirect: "if_required" });
    },

    handleCardAction(clientSecret) {
      return stripe.handleNextAction({ clientSecret });
    },

    createToken: () => unsupported("createToken"),
    createPaymentMethod: () => unsupported("createPaymentMethod"),
    createConfirmationToken: () => unsupported("createConfirmationToken"),
    confirmSetup: () => unsupported("confirmSetup"),
    retrieveSetupIntent: () => unsupported("retrieveSetupIntent"),

    registerAppInfo(info) {
      ctx.appInfo = info || null;
    },
    _registerWrapper(wrapper) {
      if (wrapper && typeof wrapper === "object") ctx.wrappers.push(wrapper);
    },
  };
  return stripe;
}

/** `window.Stripe` for scripts served from `apiOrigin`. */
export function createStripeConstructor(apiOrigin: string): FakeStripeConstructor {
  function Stripe(publishableKey: string, options?: StripeConstructorOptions): FakeStripe {
    if (typeof publishableKey !== "string" || publishableKey === "") {
      throw integrationError(
        `Invalid value for Stripe(): apiKey should be a string. You specified: ${typeof publishableKey}.`,
      );
    }
    if (/^(sk|rk)_/.test(publishableKey)) {
      throw integrationError(
        "You should not use your secret key with Stripe.js.\nPlease pass a publishable key instead.",
      );
    }
    if (!/^pk_(test|live)_/.test(publishableKey)) {
      throw integrationError(
        `Invalid value for Stripe(): apiKey should be a publishable key (pk_test_…). You specified: ${publishableKey}.`,
      );
    }
    const opts: StripeConstructorOptions = options && typeof options === "object" ? options : {};
    if (
      opts.stripeAccount !== undefined &&
      (typeof opts.stripeAccount !== "string" || !/^acct_/.test(opts.stripeAccount))
    ) {
      throw integrationError(
        `Invalid value for Stripe(): stripeAccount should be a connected account id (acct_…). You specified: ${String(opts.stripeAccount)}.`,
      );
    }
    return createStripeInstance(createStripeContext(apiOrigin, publishableKey, opts));
  }
  return Object.assign(Stripe, { version: STRIPE_RELEASE_TRAIN, emulator: { apiOrigin } });
}
