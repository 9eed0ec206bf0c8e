/*
 * window.StripeConnect: the fake Connect.js entry point. Last part of the bundle (see ../serve.ts).
 *
 * What @stripe/connect-js/pure relies on (3.4.x):
 * - window.StripeConnect is an object whose `init` is a function (else it injects the real script);
 *   the wrapper sets window.StripeConnect.optimizedLoading = true.
 * - init(params) is called with { publishableKey, fetchClientSecret, appearance, locale, fonts,
 *   metaOptions: { eagerClientSecretPromise, sdk, sdkOptions } } and returns an instance with
 *   `connect` (handed to element.setConnector), `update(options)` and `logout()`.
 * - custom elements named stripe-connect-<tag> expose setConnector and `${setter}InternalOnly`.
 */

for (const tag of CONNECT_TAGS) defineConnectElement(tag);

function initStripeConnect(params) {
  if (!params || typeof params !== "object")
    throw new Error("StripeConnect.init: expected an object with publishableKey and fetchClientSecret.");
  if (typeof params.publishableKey !== "string" || !/^pk_(test|live)_/.test(params.publishableKey)) {
    throw new Error("StripeConnect.init: publishableKey must be a publishable key (pk_test_…).");
  }
  if (typeof params.fetchClientSecret !== "function") {
    throw new Error(
      "StripeConnect.init: fetchClientSecret must be a function returning a Promise of an Account Session client_secret.",
    );
  }
  const connector = createConnector(params);
  if (!(params.metaOptions && params.metaOptions.eagerClientSecretPromise)) connector.secret();
  return {
    connect: connector,
    create(tagName) {
      const name = tagName.startsWith("stripe-connect-") ? tagName : `stripe-connect-${tagName}`;
      const element = document.createElement(name);
      if (typeof element.setConnector !== "function") {
        throw new Error(`Element ${tagName} is not a Stripe Connect embedded component.`);
      }
      element.setConnector(connector);
      return element;
    },
    update(options) {
      connector.update(options);
    },
    logout() {
      return connector.logout();
    },
    debugInstance() {
      return Promise.resolve(this);
    },
  };
}

const existingConnect =
  Object.prototype.toString.call(window.StripeConnect) === "[object Object]" ? window.StripeConnect : {};
window.StripeConnect = Object.assign(existingConnect, {
  init: initStripeConnect,
  emulator: { apiOrigin: CONNECT_API_ORIGIN, tags: CONNECT_TAGS.slice() },
});
