/*
 * The custom elements <stripe-connect-*>: one class per tag, on a common base. Part of the fake
 * Connect.js bundle.
 *
 * @stripe/connect-js (pure) creates the element with document.createElement, then, once
 * StripeConnect.init() resolved, calls element.setConnector(instance.connect); the public setters it
 * installs (setOnExit, setOnLoadError, ...) forward to `${setter}InternalOnly` on this element.
 * Those calls arrive asynchronously and possibly after loading started, so load events are kept
 * until a listener is present (each delivered once).
 *
 * The classes are created by defineConnectElements() (not at import time), since `HTMLElement` only
 * exists in a browser.
 */
import { describeError, isCallable } from "../common";
import { applyVars, h, testModeBadge, type Child } from "../dom";
import { CONNECT_EMU_CSS } from "./styles";
import { embeddedError, isEmbeddedError } from "./session";
import { CONNECT_TAGS, setterKey, settersFor } from "./setters";
import type {
  ClaimedSession,
  ComponentHost,
  ComponentName,
  Connector,
  EmbeddedError,
  RendererRegistry,
} from "./types";

/** The part of the element class that connect-js and StripeConnect.init().create() use. */
export interface ConnectElement extends ComponentHost {
  setConnector(connector: Connector): void;
  _setProp(key: string, value: unknown): void;
}

export function isConnectElement(el: Element): el is ConnectElement {
  return "setConnector" in el && typeof el.setConnector === "function";
}

function elementBaseClass(renderers: RendererRegistry): new () => ConnectElement {
  return class StripeConnectElementBase extends HTMLElement implements ConnectElement {
    _props: Record<string, unknown> = {};
    /** Event name → payload waiting for a listener. */
    _pending = new Map<string, unknown>();
    _connector: Connector | null = null;
    _unsubscribe: (() => void) | null = null;
    _started = false;
    _shadow: ShadowRoot;
    _style: HTMLStyleElement;
    _container: HTMLElement | null = null;
    // Set later, by renderers (no own property until then, as before the move to TypeScript).
    declare _lastNotificationKey?: string;
    declare _onPropChange?: (key: string, value: unknown) => void;
    declare rerender?: (message?: Node | null) => Promise<void>;

    constructor() {
      super();
      this._shadow = this.attachShadow({ mode: "open" });
      this._style = h("style", null, CONNECT_EMU_CSS);
      this._shadow.appendChild(this._style);
    }

    get tagShortName(): string {
      return this.localName.replace(/^stripe-connect-/, "");
    }

    connectedCallback(): void {
      this._maybeStart();
    }

    setConnector(connector: Connector): void {
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
          void this.reload();
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

    _emit(propName: string, payload: unknown): void {
      const fn = this._props[propName];
      if (isCallable(fn)) {
        this._pending.delete(propName);
        try {
          fn(payload);
        } catch (err) {
          setTimeout(() => {
            throw err;
          });
        }
      } else {
        this._pending.set(propName, payload);
      }
    }

    _setProp(key: string, value: unknown): void {
      this._props[key] = value;
      if (typeof value === "function" && this._pending.has(key)) {
        const payload = this._pending.get(key);
        this._pending.delete(key);
        this._emit(key, payload);
      }
      if (this._started && typeof this._onPropChange === "function") this._onPropChange(key, value);
    }

    _applyAppearance(): void {
      if (!this._connector) return;
      applyVars(this, this._connector.appearance);
      const z = this._connector.appearance.variables && this._connector.appearance.variables.overlayZIndex;
      if (z !== undefined) this.style.setProperty("--emu-overlay-z", String(z));
      if (this._connector.locale) this.setAttribute("lang", this._connector.locale);
    }

    _maybeStart(): void {
      if (this._started || !this._connector || !this.isConnected) return;
      this._started = true;
      // Let the setters queued by @stripe/connect-js land before the first event.
      setTimeout(() => void this._load(), 0);
    }

    show(...nodes: Child[]): HTMLElement {
      if (this._container) this._container.remove();
      this._container = h("div", { class: "emu-c-wrap" }, ...nodes);
      this._shadow.appendChild(this._container);
      return this._container;
    }

    header(title: string): HTMLElement {
      return h("div", { class: "emu-c-head" }, h("h2", null, title), testModeBadge("Test mode"));
    }

    showError(error: EmbeddedError, report?: boolean): void {
      this.setAttribute("data-state", "error");
      const renderer = renderers[this.tagShortName];
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

    api<T>(
      method: "GET" | "POST",
      path: string,
      payload?: Record<string, unknown>,
      componentOverride?: ComponentName,
    ): Promise<T> {
      const component = componentOverride || renderers[this.tagShortName]?.component;
      if (!this._connector || !component)
        throw new TypeError(`<${this.localName}> has no connector or component`);
      return this._connector.api<T>(method, path, component, payload, this);
    }

    reload(): Promise<void> {
      return this._load({ refresh: true });
    }

    async _load(opts?: { refresh?: boolean }): Promise<void> {
      const renderer = renderers[this.tagShortName];
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
      let session: ClaimedSession;
      try {
        if (!this._connector) throw new TypeError("No connector");
        session = await this._connector.session();
      } catch (err) {
        this.showError(isEmbeddedError(err) ? err : embeddedError("api_error", describeError(err)));
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
        this.showError(isEmbeddedError(err) ? err : embeddedError("render_error", describeError(err)));
      }
    }
  };
}

/** Defines <stripe-connect-TAG> for every tag, each with every setter @stripe/connect-js may call on it. */
export function defineConnectElements(renderers: RendererRegistry): void {
  const Base = elementBaseClass(renderers);
  for (const tag of CONNECT_TAGS) {
    const name = `stripe-connect-${tag}`;
    if (customElements.get(name)) continue;
    class ConnectElementForTag extends Base {}
    const methods: Record<string, (this: ConnectElement, value: unknown) => void> = {};
    for (const setter of settersFor(tag)) {
      const key = setterKey(setter);
      methods[`${setter}InternalOnly`] = function (value) {
        this._setProp(key, value);
      };
      // Direct use without the npm wrapper (StripeConnect.init(...).create(tag)).
      methods[setter] = function (value) {
        this._setProp(key, value);
      };
    }
    Object.assign(ConnectElementForTag.prototype, methods);
    customElements.define(name, ConnectElementForTag);
  }
}
