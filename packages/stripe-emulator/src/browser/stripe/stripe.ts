/*
 * The Stripe() constructor and the instance it returns. Part of the fake Stripe.js bundle; index.ts
 * assigns the constructor to window.Stripe. Each method lives with its kind: confirm-payment.ts,
 * confirm-setup.ts, create-payment-method.ts; reading, confirming and settling intents in intents.ts.
 *
 * What @stripe/stripe-js and @stripe/react-stripe-js rely on:
 * - loadStripe() (pure) resolves window.Stripe if it is already defined, warns unless Stripe.version
 *   matches its release train ("endive"), calls Stripe(...args) and then stripe._registerWrapper().
 * - <Elements> accepts the instance only if elements, createToken, createPaymentMethod and
 *   confirmCardPayment are functions, calls stripe.elements(options), elements.update(),
 *   _registerWrapper() and registerAppInfo(); <PaymentElement> calls elements.create('payment'),
 *   element.mount/on/off/update/destroy.
 */
import type { PaymentIntentOrSetupIntentResult, StripeConstructorOptions } from "@stripe/stripe-js";
import { confirmPayment } from "./confirm-payment";
import { confirmSetup } from "./confirm-setup";
import { createPaymentMethod } from "./create-payment-method";
import { createElementsGroup } from "./elements";
import {
  asPaymentResult,
  asSetupResult,
  confirmWith,
  fetchIntent,
  kindOfSecret,
  nextAction,
  PAYMENT,
  settleIntent,
  SETUP,
} from "./intents";
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
  };
  return ctx;
}

/** `stripe.handleNextAction`: a PaymentIntent's or a SetupIntent's, whichever the client secret names. */
async function handleNextAction(
  ctx: StripeContext,
  params: { clientSecret: string },
): Promise<PaymentIntentOrSetupIntentResult> {
  const where = "stripe.handleNextAction()";
  const clientSecret = params && params.clientSecret;
  if (kindOfSecret(clientSecret, where).path === SETUP.path)
    return asSetupResult(await nextAction(ctx, SETUP, clientSecret, where));
  return asPaymentResult(await nextAction(ctx, PAYMENT, clientSecret, where));
}

function createStripeInstance(ctx: StripeContext): FakeStripe {
  const stripe: FakeStripe = {
    elements(options) {
      const group = createElementsGroup(ctx, options);
      if (options && options.appearance) ctx.appearance = options.appearance;
      return group;
    },

    confirmPayment: (params) => confirmPayment(ctx, params),
    confirmSetup: (params) => confirmSetup(ctx, params),
    createPaymentMethod: (options) => createPaymentMethod(ctx, options),
    handleNextAction: (params) => handleNextAction(ctx, params),

    async confirmCardPayment(clientSecret, data, options) {
      const where = "stripe.confirmCardPayment()";
      const body: FormBody = {};
      const pm = data && data.payment_method;
      if (pm && typeof pm !== "string") {
        throw integrationError(
          "The offline Stripe emulator's confirmCardPayment() accepts a payment method id (e.g. pm_card_visa) only; use the Payment Element with confirmPayment().",
        );
      }
      if (pm) body.payment_method = pm;
      if (data && data.return_url) body.return_url = data.return_url;
      const confirmed = await confirmWith(ctx, PAYMENT, clientSecret, body, where);
      if (confirmed.error) return { error: confirmed.error };
      const handleActions = !options || options.handleActions !== false;
      return asPaymentResult(
        await settleIntent(ctx, PAYMENT, confirmed.intent, clientSecret, {
          redirect: "if_required",
          handleActions,
        }),
      );
    },

    async retrievePaymentIntent(clientSecret) {
      return asPaymentResult(await fetchIntent(ctx, PAYMENT, clientSecret, "stripe.retrievePaymentIntent()"));
    },

    async retrieveSetupIntent(clientSecret) {
      return asSetupResult(await fetchIntent(ctx, SETUP, clientSecret, "stripe.retrieveSetupIntent()"));
    },

    async handleCardAction(clientSecret) {
      return asPaymentResult(await nextAction(ctx, PAYMENT, clientSecret, "stripe.handleCardAction()"));
    },

    createToken: () => unsupported("createToken"),
    createConfirmationToken: () => unsupported("createConfirmationToken"),

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
