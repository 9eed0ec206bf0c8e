/*
 * stripe.elements(): the Elements group. Part of the fake Stripe.js bundle.
 * Internal state is kept in a WeakMap so the public objects look like Stripe's.
 */

const ELEMENTS_GROUPS = new WeakMap();

function intentIdFromSecret(secret, where) {
  const at = typeof secret === "string" ? secret.indexOf("_secret_") : -1;
  const id = at > 0 ? secret.slice(0, at) : "";
  if (!/^(pi|seti)_\w+$/.test(id) || secret.length <= at + "_secret_".length) {
    throw integrationError(
      `Invalid value for ${where}: clientSecret should be a client secret of the form \${id}_secret_\${secret}. You specified: ${
        typeof secret === "string" ? secret : typeof secret
      }.`,
    );
  }
  return id;
}

function validateElementsOptions(options) {
  if (options.clientSecret !== undefined) {
    intentIdFromSecret(options.clientSecret, "elements()");
    return;
  }
  if (options.mode === undefined) return; // create('payment') reports the missing intent.
  if (!["payment", "setup", "subscription"].includes(options.mode)) {
    throw integrationError(
      `Invalid value for elements(): mode should be one of the following strings: payment, setup, subscription. You specified: ${options.mode}.`,
    );
  }
  if (typeof options.currency !== "string" || !/^[a-z]{3}$/i.test(options.currency)) {
    throw integrationError("Missing value for elements(): currency should be a string.");
  }
  if (options.mode !== "setup") {
    if (typeof options.amount !== "number" || !Number.isInteger(options.amount) || options.amount < 0) {
      throw integrationError("Invalid value for elements(): amount should be a non-negative integer.");
    }
  }
}

function createElementsGroup(ctx, rawOptions) {
  const options = Object.assign({}, rawOptions || {});
  validateElementsOptions(options);

  const group = {
    ctx,
    options,
    submitted: false,
    payment: null, // { element, internal }
    retrieveIntent: (secret) => ctx.retrieveIntent(secret),
    onElementDestroyed(el) {
      if (group.payment && group.payment.element === el) group.payment = null;
    },
  };

  const elements = {
    create(type, elementOptions) {
      if (type !== "payment") {
        throw integrationError(
          `elements.create('${type}') is not available offline: the Stripe emulator's Stripe.js implements the Payment Element ('payment') only.`,
        );
      }
      if (!options.clientSecret && !options.mode) {
        throw integrationError(
          "In order to create a payment element, you must pass a valid PaymentIntent or SetupIntent client secret when creating the Elements group, " +
            'or use deferred intent creation with a mode.\n\n  e.g. stripe.elements({clientSecret: "{{CLIENT_SECRET}}"})',
        );
      }
      if (group.payment) throw integrationError("Can only create one Element of type payment.");
      group.payment = createPaymentElement(group, elementOptions);
      group.submitted = false;
      return group.payment.element;
    },
    getElement(type) {
      return type === "payment" && group.payment ? group.payment.element : null;
    },
    update(updates) {
      const next = Object.assign({}, updates || {});
      if ("clientSecret" in next) {
        throw integrationError(
          "Unsupported option: clientSecret cannot be updated. Create a new Elements group instead.",
        );
      }
      Object.assign(options, next);
      if (options.mode) validateElementsOptions(options);
      if (next.appearance && group.payment) group.payment.internal.applyAppearance(options.appearance);
      group.submitted = false;
    },
    async fetchUpdates() {
      return {};
    },
    async submit() {
      if (!group.payment || !group.payment.internal.mounted) {
        throw integrationError("elements.submit(): elements should have a mounted Payment Element.");
      }
      if (group.payment.internal.loadFailed) {
        return {
          error: {
            type: "invalid_request_error",
            message: "The Payment Element failed to load; see its loaderror event.",
          },
        };
      }
      const result = group.payment.internal.validateAndShow();
      if (result.error) {
        group.submitted = false;
        return result;
      }
      group.submitted = true;
      return { selectedPaymentMethod: "card" };
    },
    on() {
      return elements;
    },
    off() {
      return elements;
    },
  };
  ELEMENTS_GROUPS.set(elements, group);
  return elements;
}
