/*
 * StripeConnect.init(): the fake Connect.js instance. Part of the fake Connect.js bundle; index.ts
 * assigns it to window.StripeConnect.init.
 *
 * What @stripe/connect-js/pure relies on (3.4.x):
 * - window.StripeConnect is an object whose `init` is a function (else it injects the real script);
 *   the wrapper sets window.StripeConnect.optimizedLoading = true.
 * - init(params) is called with { publishableKey, fetchClientSecret, appearance, locale, fonts,
 *   metaOptions: { eagerClientSecretPromise, sdk, sdkOptions } } and returns an instance with
 *   `connect` (handed to element.setConnector), `update(options)` and `logout()`.
 * - custom elements named stripe-connect-<tag> expose setConnector and `${setter}InternalOnly`.
 */
import type { ConnectHTMLElementRecord, ConnectElementTagName } from "@stripe/connect-js/pure";
import { isConnectElement } from "./element";
import { createConnector } from "./session";
import type { ConnectInitParams, FakeConnectInstance } from "./types";

export function createInit(origin: string): (params: ConnectInitParams) => FakeConnectInstance {
  return function initStripeConnect(params) {
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
    const connector = createConnector(params, origin);
    if (!(params.metaOptions && params.metaOptions.eagerClientSecretPromise)) {
      // Asked for right away, like Connect.js; a failure is reported by the first component that loads
      // (secret() does not cache failures, and handles its own rejection).
      void connector.secret();
    }
    const instance: FakeConnectInstance = {
      connect: connector,
      create<T extends ConnectElementTagName>(tagName: T): ConnectHTMLElementRecord[T] {
        const name = tagName.startsWith("stripe-connect-") ? tagName : `stripe-connect-${tagName}`;
        const element = document.createElement(name);
        if (!isConnectElement(element)) {
          throw new Error(`Element ${tagName} is not a Stripe Connect embedded component.`);
        }
        element.setConnector(connector);
        // Its class has every setter connect-js declares for this tag: they are installed per tag by
        // defineConnectElements() (see setters.ts), which the type system cannot follow.
        return element as unknown as ConnectHTMLElementRecord[T];
      },
      update(options) {
        connector.update(options);
      },
      logout() {
        return connector.logout();
      },
      debugInstance() {
        return Promise.resolve(instance);
      },
    };
    return instance;
  };
}
