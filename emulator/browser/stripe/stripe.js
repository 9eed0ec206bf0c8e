/*
 * window.Stripe: the fake Stripe.js entry point. Last part of the bundle (see ../serve.ts).
 *
 * What @stripe/stripe-js and @stripe/react-stripe-js rely on:
 * - loadStripe() (pure) resolves window.Stripe if it is already defined, warns unless Stripe.version
 *   matches its release train ("endive"), calls Stripe(...args) and then stripe._registerWrapper().
 * - <Elements> accepts the instance only if elements, createToken, createPaymentMethod and
 *   confirmCardPayment are functions, calls stripe.elements(options), elements.update(),
 *   _registerWrapper() and registerAppInfo(); <PaymentElement> calls elements.create('payment'),
 *   element.mount/on/off/update/destroy.
 */

const STRIPE_API_ORIGIN = emuFindApiOrigin("/js/stripe.js");
const STRIPE_RELEASE_TRAIN = "endive";

function unsupported(method) {
  return Promise.resolve({
    error: {
      type: "invalid_request_error",
      code: "emulator_unsupported",
      message: `stripe.${method}() is not implemented by the offline Stripe emulator. Use the Payment Element with stripe.confirmPayment().`,
    },
  });
}

function returnUrlWith(returnUrl, paymentIntent, clientSecret, redirectStatus) {
  const url = new URL(returnUrl, window.location.href);
  url.searchParams.set("payment_intent", paymentIntent.id);
  url.searchParams.set("payment_intent_client_secret", clientSecret);
  url.searchParams.set("redirect_status", redirectStatus);
  return url.toString();
}

function errorFromIntent(pi) {
  const last = pi.last_payment_error || {};
  return Object.assign({ type: "card_error" }, last, { payment_intent: pi });
}

function createStripeContext(publishableKey, stripeOptions) {
  const ctx = {
    key: publishableKey,
    stripeAccount: stripeOptions.stripeAccount || null,
    apiVersion: stripeOptions.apiVersion || null,
    origin: STRIPE_API_ORIGIN,
    appearance: undefined,
    wrappers: [],
    appInfo: null,
    headers() {
      const headers = { Authorization: `Bearer ${ctx.key}` };
      if (ctx.stripeAccount) headers["Stripe-Account"] = ctx.stripeAccount;
      if (ctx.apiVersion) headers["Stripe-Version"] = ctx.apiVersion;
      return headers;
    },
    async retrieveIntent(clientSecret) {
      const id = intentIdFromSecret(clientSecret, "retrievePaymentIntent");
      const res = await emuRequest(ctx.origin, "GET", `/v1/payment_intents/${encodeURIComponent(id)}`, {
        headers: ctx.headers(),
        query: { client_secret: clientSecret },
      });
      return res.ok ? { paymentIntent: res.body } : { error: res.body.error };
    },
    async confirmIntent(clientSecret, body) {
      const id = intentIdFromSecret(clientSecret, "stripe.confirmPayment()");
      const res = await emuRequest(
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
    /**
     * After a confirm: run the 3DS challenge if asked, turn failures into { error }, and either
     * redirect to return_url or resolve { paymentIntent }.
     */
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
      const terminal = { succeeded: "succeeded", processing: "processing", requires_capture: "succeeded" };
      if (flow.redirect === "always" && terminal[pi.status]) {
        window.location.assign(returnUrlWith(flow.returnUrl, pi, clientSecret, terminal[pi.status]));
        // Like Stripe.js: the promise never settles because the page is navigating away.
        return new Promise(() => {});
      }
      return { paymentIntent: pi };
    },
  };
  return ctx;
}

function createStripeInstance(ctx) {
  const stripe = {
    elements(options) {
      const group = createElementsGroup(ctx, options);
      if (options && options.appearance) ctx.appearance = options.appearance;
      return group;
    },

    async confirmPayment(params) {
      if (!params || typeof params !== "object") {
        throw integrationError(
          "Invalid value for stripe.confirmPayment(): expected an object with elements or clientSecret.",
        );
      }
      const { elements, confirmParams = {}, redirect = "always" } = params;
      if (redirect !== "always" && redirect !== "if_required") {
        throw integrationError(
          `Invalid value for stripe.confirmPayment(): redirect should be "always" or "if_required". You specified: ${redirect}.`,
        );
      }
      const group = elements ? ELEMENTS_GROUPS.get(elements) : null;
      if (elements && !group)
        throw integrationError(
          "Invalid value for stripe.confirmPayment(): elements should be an Elements group.",
        );
      if (group && group.ctx !== ctx) {
        throw integrationError(
          "Invalid value for stripe.confirmPayment(): elements was created by a different Stripe instance.",
        );
      }
      const pe = group && group.payment;
      if (group && (!pe || !pe.internal.mounted)) {
        throw integrationError(
          "Invalid value for stripe.confirmPayment(): elements should have a mounted Payment Element or Express Checkout Element.",
        );
      }
      if (!group && !confirmParams.payment_method) {
        throw integrationError(
          "Invalid value for stripe.confirmPayment(): either elements or confirmParams.payment_method is required.",
        );
      }
      const clientSecret = params.clientSecret || (group && group.options.clientSecret);
      if (!clientSecret) {
        throw integrationError(
          "Invalid value for stripe.confirmPayment(): clientSecret is required when the Elements group was created with a mode (deferred intent creation).",
        );
      }
      intentIdFromSecret(clientSecret, "stripe.confirmPayment()");
      if (redirect === "always" && !confirmParams.return_url) {
        throw integrationError(
          "stripe.confirmPayment(): the `confirmParams.return_url` argument is required unless passing `redirect: 'if_required'`",
        );
      }
      if (group && group.options.mode && !group.submitted) {
        throw integrationError(
          "elements.submit() must be called before stripe.confirmPayment(). Call elements.submit() as soon as your customer presses pay, prior to any asynchronous work. Integration guide: https://stripe.com/docs/payments/accept-a-payment-deferred",
        );
      }
      if (pe) {
        if (pe.internal.loadFailed) {
          return {
            error: {
              type: "invalid_request_error",
              message: "The Payment Element failed to load; see its loaderror event.",
            },
          };
        }
        const validation = pe.internal.validateAndShow();
        if (validation.error) return validation;
      }

      const body = Object.assign({}, confirmParams);
      if (pe) {
        // Sent by Stripe.js too: next actions come back as use_stripe_sdk, handled in-page.
        body.use_stripe_sdk = true;
        body.expected_payment_method_type = "card";
        const data = pe.internal.paymentMethodData();
        const extra = confirmParams.payment_method_data || {};
        const billing = Object.assign({}, extra.billing_details || {});
        if (data.billing_details) {
          billing.address = Object.assign({}, billing.address || {}, data.billing_details.address);
        }
        body.payment_method_data = Object.assign(
          {},
          extra,
          data,
          Object.keys(billing).length ? { billing_details: billing } : {},
        );
      }
      if (pe) pe.internal.setBusy(true);
      try {
        const confirmed = await ctx.confirmIntent(clientSecret, body);
        if (confirmed.error) return { error: confirmed.error };
        return await ctx.settle(confirmed.paymentIntent, clientSecret, {
          redirect,
          returnUrl: confirmParams.return_url,
        });
      } finally {
        if (pe) pe.internal.setBusy(false);
      }
    },

    async confirmCardPayment(clientSecret, data, options) {
      intentIdFromSecret(clientSecret, "stripe.confirmCardPayment()");
      const body = {};
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

    async retrievePaymentIntent(clientSecret) {
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

    async handleCardAction(clientSecret) {
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

function Stripe(publishableKey, options) {
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
  const opts = options && typeof options === "object" ? options : {};
  if (
    opts.stripeAccount !== undefined &&
    (typeof opts.stripeAccount !== "string" || !/^acct_/.test(opts.stripeAccount))
  ) {
    throw integrationError(
      `Invalid value for Stripe(): stripeAccount should be a connected account id (acct_…). You specified: ${opts.stripeAccount}.`,
    );
  }
  return createStripeInstance(createStripeContext(publishableKey, opts));
}
Stripe.version = STRIPE_RELEASE_TRAIN;
Stripe.emulator = { apiOrigin: STRIPE_API_ORIGIN };

window.Stripe = Stripe;
