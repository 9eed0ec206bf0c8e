/*
 * Base custom element for every <stripe-connect-*> component. Part of the fake Connect.js bundle.
 *
 * @stripe/connect-js (pure) creates the element with document.createElement, then, once
 * StripeConnect.init() resolved, calls element.setConnector(instance.connect); the public setters it
 * installs (setOnExit, setOnLoadError, ...) forward to `${setter}InternalOnly` on this element.
 * Those calls arrive asynchronously and possibly after loading started, so load events are kept
 * until a listener is present (each delivered once).
 */

// Setters per tag, mirroring ConnectElementCustomMethodConfig in @stripe/connect-js 3.4.x.
const CONNECT_COMMON_SETTERS = ["setOnLoadError", "setOnLoaderStart"];
const CONNECT_CUSTOM_SETTERS = {
  "account-onboarding": [
    "setFullTermsOfServiceUrl",
    "setRecipientTermsOfServiceUrl",
    "setPrivacyPolicyUrl",
    "setSkipTermsOfServiceCollection",
    "setCollectionOptions",
    "setOnExit",
    "setOnStepChange",
  ],
  "account-management": ["setCollectionOptions", "setOnSectionOpen"],
  "notification-banner": ["setCollectionOptions", "setOnNotificationsChange"],
  "instant-payouts-promotion": ["setOnInstantPayoutsPromotionLoaded", "setOnInstantPayoutCreated"],
  "issuing-card": ["setDefaultCard", "setCardSwitching", "setFetchEphemeralKey", "setShowSpendControls"],
  "issuing-cards-list": ["setFetchEphemeralKey", "setShowSpendControls", "setIssuingProgram"],
  "financial-account": ["setFinancialAccount"],
  "financial-account-transactions": ["setFinancialAccount"],
  payments: ["setDefaultFilters"],
  "payment-details": ["setPayment", "setOnClose"],
  "payment-disputes": ["setPayment", "setOnDisputesLoaded"],
  "tax-settings": [
    "setHideProductTaxCodeSelector",
    "setDisplayHeadOfficeCountries",
    "setOnTaxSettingsUpdated",
  ],
  "tax-registrations": [
    "setOnAfterTaxRegistrationAdded",
    "setDisplayCountries",
    "setOnAfterTaxRegistrationExpired",
  ],
  "payout-details": ["setPayout", "setOnClose"],
  "payout-reconciliation-report": ["setOnReportAvailabilityLoaded"],
};
const CONNECT_TAGS = [
  "account-onboarding",
  "disputes-list",
  "payments",
  "payment-details",
  "payment-disputes",
  "payouts",
  "payouts-list",
  "payout-details",
  "balances",
  "account-management",
  "notification-banner",
  "instant-payouts-promotion",
  "issuing-card",
  "issuing-cards-list",
  "financial-account",
  "financial-account-transactions",
  "documents",
  "tax-registrations",
  "tax-settings",
  "balance-report",
  "payout-reconciliation-report",
];

/** "setOnLoadError" → "onLoadError", "setCollectionOptions" → "collectionOptions". */
function setterKey(setter) {
  const rest = setter.slice(3);
  return rest.charAt(0).toLowerCase() + rest.slice(1);
}

/** Tag → { component: Account Session component name, title, render(el, ctx) } (filled by later parts). */
const CONNECT_RENDERERS = {};

class StripeConnectElementBase extends HTMLElement {
  constructor() {
    super();
    this._props = {};
    this._pending = {}; // event name → payload waiting for a listener
    this._connector = null;
    this._unsubscribe = null;
    this._started = false;
    this._shadow = this.attachShadow({ mode: "open" });
    this._style = h("style", null, CONNECT_EMU_CSS);
    this._shadow.appendChild(this._style);
    this._container = null;
  }

  get tagShortName() {
    return this.localName.replace(/^stripe-connect-/, "");
  }

  connectedCallback() {
    this._maybeStart();
  }

  setConnector(connector) {
    if (this._connector === connector) return;
    if (this._unsubscribe) this._unsubscribe();
    this._connector = connector;
    this._unsubscribe = connector.subscribe((kind, source) => {
      if (kind === "update") this._applyAppearance();
      if (
        kind === "data" &&
        source !== this &&
        this.isConnected &&
        this._started &&
        this.getAttribute("data-state") === "ready"
      )
        this.reload();
      if (kind === "logout")
        this.showError(
          embeddedError(
            "authentication_error",
            "You have been logged out. Reload the page to start a new session.",
          ),
          false,
        );
    });
    this._applyAppearance();
    this._maybeStart();
  }

  /** Delivers a component event now or, if nobody listens yet, to the first listener set later. */
  _emit(propName, payload) {
    const fn = this._props[propName];
    if (typeof fn === "function") {
      delete this._pending[propName];
      try {
        fn(payload);
      } catch (err) {
        setTimeout(() => {
          throw err;
        });
      }
    } else {
      this._pending[propName] = payload;
    }
  }

  _setProp(key, value) {
    this._props[key] = value;
    if (typeof value === "function" && key in this._pending) {
      const payload = this._pending[key];
      delete this._pending[key];
      this._emit(key, payload);
    }
    if (this._started && typeof this._onPropChange === "function") this._onPropChange(key, value);
  }

  _applyAppearance() {
    if (!this._connector) return;
    emuApplyVars(this, this._connector.appearance);
    const z = this._connector.appearance.variables && this._connector.appearance.variables.overlayZIndex;
    if (z !== undefined) this.style.setProperty("--emu-overlay-z", String(z));
    if (this._connector.locale) this.setAttribute("lang", this._connector.locale);
  }

  _maybeStart() {
    if (this._started || !this._connector || !this.isConnected) return;
    this._started = true;
    // Let the setters queued by @stripe/connect-js land before the first event.
    setTimeout(() => this._load(), 0);
  }

  /** Replaces the visible content (keeps the stylesheet). */
  show(...nodes) {
    if (this._container) this._container.remove();
    this._container = h("div", { class: "emu-c-wrap" }, ...nodes);
    this._shadow.appendChild(this._container);
    return this._container;
  }

  header(title) {
    return h("div", { class: "emu-c-head" }, h("h2", null, title), emuTestModeBadge("Test mode"));
  }

  showError(error, report) {
    this.setAttribute("data-state", "error");
    const renderer = CONNECT_RENDERERS[this.tagShortName];
    this.show(
      h(
        "div",
        { class: "emu-c" },
        this.header((renderer && renderer.title) || "Stripe"),
        h(
          "div",
          { class: "emu-alert", role: "alert" },
          h("strong", null, "This component could not be loaded."),
          " ",
          h("span", null, error.message),
        ),
      ),
    );
    if (report !== false) {
      this._emit("onLoadError", {
        error: { type: error.type || "api_error", message: error.message },
        elementTagName: this.localName,
      });
    }
  }

  /** Component API call bound to this component's Account Session component name. */
  api(method, path, payload, componentOverride) {
    const renderer = CONNECT_RENDERERS[this.tagShortName];
    return this._connector.api(method, path, componentOverride || renderer.component, payload, this);
  }

  /** Re-renders from fresh emulator data (after an action); no new loader events. */
  reload() {
    return this._load({ refresh: true });
  }

  async _load(opts) {
    const renderer = CONNECT_RENDERERS[this.tagShortName];
    this.setAttribute("data-state", "loading");
    if (!(opts && opts.refresh)) this._emit("onLoaderStart", { elementTagName: this.localName });
    this.show(h("div", { class: "emu-c emu-loading", role: "status", "aria-busy": "true" }, "Loading…"));
    if (!renderer) {
      this.showError(
        embeddedError(
          "invalid_request_error",
          `<${this.localName}> is not implemented by the offline Stripe emulator.`,
        ),
      );
      return;
    }
    let session;
    try {
      session = await this._connector.session();
    } catch (err) {
      this.showError(err.type ? err : embeddedError("api_error", String((err && err.message) || err)));
      return;
    }
    const config = session.components && session.components[renderer.component];
    if (!config || config.enabled !== true) {
      this.showError(
        embeddedError(
          "invalid_request_error",
          `The ${renderer.component} component is not enabled in this Account Session. ` +
            `Enable it with components.${renderer.component}.enabled = true when creating the Account Session.`,
          "component_not_enabled",
        ),
      );
      return;
    }
    try {
      await renderer.render(this, { session, features: config.features || {} });
      if (this.getAttribute("data-state") === "loading") this.setAttribute("data-state", "ready");
    } catch (err) {
      this.showError(err.type ? err : embeddedError("render_error", String((err && err.message) || err)));
    }
  }
}

/** Defines <stripe-connect-TAG> with every setter @stripe/connect-js may call on it. */
function defineConnectElement(tag) {
  const name = `stripe-connect-${tag}`;
  if (customElements.get(name)) return;
  const setters = CONNECT_COMMON_SETTERS.concat(CONNECT_CUSTOM_SETTERS[tag] || []);
  class ConnectElement extends StripeConnectElementBase {}
  for (const setter of setters) {
    const key = setterKey(setter);
    ConnectElement.prototype[`${setter}InternalOnly`] = function (value) {
      this._setProp(key, value);
    };
    // Direct use without the npm wrapper (StripeConnect.init(...).create(tag)).
    ConnectElement.prototype[setter] = function (value) {
      this._setProp(key, value);
    };
  }
  customElements.define(name, ConnectElement);
}

/** A labelled input; returns { wrap, input, error }. */
function connectField(labelText, attrs) {
  const id = emuUid("f");
  const errorId = `${id}-err`;
  const a = Object.assign({}, attrs || {});
  const tag = a.tag === "select" ? "select" : "input";
  const options = a.options || [];
  delete a.tag;
  delete a.options;
  const input = h(tag, Object.assign({ id, "aria-describedby": errorId }, a), options);
  if (tag === "select" && a.value !== undefined) input.value = a.value;
  const error = h("div", { class: "emu-field-error", id: errorId });
  return {
    wrap: h("div", { class: "emu-field" }, h("label", { for: id }, labelText), input, error),
    input,
    error,
  };
}

function statusPill(text, tone) {
  return h("span", { class: `emu-status${tone ? ` emu-status-${tone}` : ""}` }, text);
}
