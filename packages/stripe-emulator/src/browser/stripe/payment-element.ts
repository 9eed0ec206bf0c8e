/*
 * The fake Payment Element: an accessible card form rendered into the node passed to mount()
 * (inside a shadow root so the host page's CSS leaves it alone): its state, events and the element API.
 * The form's markup and the confirm payload are in payment-form.ts, formatting, auto-advance and Enter in
 * keyboard.ts. Part of the fake Stripe.js bundle.
 */
import type { StripeError, StripePaymentElementOptions } from "@stripe/stripe-js";
import { createEmitter } from "../common";
import { applyVars, h, uid, type Attrs } from "../dom";
import {
  firstCardError,
  validateCardFields,
  type CardField,
  CARD_FIELDS,
  type CardValidation,
  type CardValues,
} from "./card";
import {
  cardPaymentMethodData,
  changeEvent,
  collectsPostalCode,
  integrationError,
  paymentFormTree,
  resolveMountTarget,
} from "./payment-form";
import { focusNextField, formatTypedField, submitEnclosingForm } from "./keyboard";
import { stripeEmuShadowHost } from "./styles";
import type { ElementsGroup, FakePaymentElement, PaymentElementEvents, PaymentElementHandle } from "./types";

/** @param group the internal state of the Elements group the element belongs to */
export function createPaymentElement(
  group: ElementsGroup,
  createOptions: StripePaymentElementOptions | undefined,
): PaymentElementHandle {
  const emitter = createEmitter<PaymentElementEvents>();
  let options: StripePaymentElementOptions = Object.assign({}, createOptions || {});
  let state: "created" | "mounted" | "unmounted" | "destroyed" = "created";
  let host: HTMLDivElement | null = null;
  let root: ShadowRoot | null = null;
  let loaded = false;
  let loadFailed = false;
  let hasFocus = false;
  let lastComplete = false;
  const touched: Record<CardField, boolean> = { number: false, expiry: false, cvc: false, postalCode: false };
  const ids: Record<CardField, string> = {
    number: uid("card-number"),
    expiry: uid("card-expiry"),
    cvc: uid("card-cvc"),
    postalCode: uid("postal-code"),
  };
  const inputs: Partial<Record<CardField, HTMLInputElement>> = {};
  const errorNodes: Partial<Record<CardField, HTMLDivElement>> = {};
  let brandNode: HTMLSpanElement | null = null;
  let formNode: HTMLDivElement | null = null;

  const defaults = (options.defaultValues && options.defaultValues.billingDetails) || {};
  const defaultPostal = (defaults.address && defaults.address.postal_code) || "";

  const inputList = (): HTMLInputElement[] => CARD_FIELDS.flatMap((key) => inputs[key] ?? []);

  function values(): CardValues {
    return {
      number: inputs.number ? inputs.number.value : "",
      expiry: inputs.expiry ? inputs.expiry.value : "",
      cvc: inputs.cvc ? inputs.cvc.value : "",
      postalCode: inputs.postalCode ? inputs.postalCode.value : defaultPostal,
    };
  }

  function validate(): CardValidation {
    return validateCardFields(values(), { collectPostalCode: collectsPostalCode(options) });
  }

  function showErrors(result: CardValidation, showAll: boolean): void {
    for (const key of CARD_FIELDS) {
      const node = errorNodes[key];
      if (!node) continue;
      const err = result.errors[key];
      const visible = err && (showAll || touched[key]);
      node.textContent = visible ? err.message : "";
      inputs[key]?.setAttribute("aria-invalid", visible ? "true" : "false");
    }
  }

  function onInput(key: CardField, event: Event): void {
    const typed = formatTypedField(key, event, inputs);
    if (typed && brandNode) brandNode.textContent = typed.brandLabel;
    group.submitted = false;
    const result = validate();
    showErrors(result, false);
    lastComplete = result.complete;
    emitter.emit("change", changeEvent(result));
    focusNextField(key, event, inputs, values());
  }

  function field(
    key: CardField,
    labelText: string,
    inputAttrs: Attrs,
    extra?: (input: HTMLInputElement) => Node,
  ): HTMLDivElement {
    const errorId = `${ids[key]}-error`;
    const input = h(
      "input",
      Object.assign(
        { id: ids[key], name: key, "aria-describedby": errorId, "aria-invalid": "false" },
        inputAttrs,
      ),
    );
    input.addEventListener("input", (e) => onInput(key, e));
    input.addEventListener("keydown", (e) => submitEnclosingForm(host, e));
    input.addEventListener("blur", () => {
      if (input.value) touched[key] = true;
      showErrors(validate(), false);
    });
    inputs[key] = input;
    const errorNode = h("div", { class: "emu-error", id: errorId });
    errorNodes[key] = errorNode;
    return h(
      "div",
      { class: "emu-field" },
      h("label", { for: ids[key] }, labelText),
      extra ? extra(input) : input,
      errorNode,
    );
  }

  function render(shadow: ShadowRoot): void {
    brandNode = h("span", { class: "emu-brand", "aria-hidden": "true" });
    const form = paymentFormTree(field, brandNode, collectsPostalCode(options), defaultPostal);
    formNode = form;
    form.addEventListener("focusin", () => {
      if (!hasFocus) {
        hasFocus = true;
        emitter.emit("focus", { elementType: "payment" });
      }
    });
    form.addEventListener("focusout", (e) => {
      if (e.relatedTarget instanceof Node && root && root.contains(e.relatedTarget)) return;
      hasFocus = false;
      emitter.emit("blur", { elementType: "payment" });
    });
    form.addEventListener("keydown", (e) => {
      if (e.key === "Escape") emitter.emit("escape", { elementType: "payment" });
    });
    shadow.appendChild(form);
    applyReadOnly();
  }

  function applyReadOnly(): void {
    for (const input of inputList()) input.disabled = Boolean(options.readOnly);
  }

  function loadError(error: StripeError): void {
    loadFailed = true;
    if (formNode) formNode.remove();
    root?.appendChild(
      h("div", { class: "emu-load-error", role: "alert" }, `Payment form failed to load: ${error.message}`),
    );
    emitter.emit("loaderror", { elementType: "payment", error });
  }

  async function load(): Promise<void> {
    emitter.emit("loaderstart", { elementType: "payment" });
    // Like Stripe.js, first the elements session (what the account can take: nothing when its
    // card_payments capability is inactive), then, with a clientSecret, the intent (a secret of an
    // intent on another account, i.e. a missing stripeAccount, fails here already).
    const session = await group.loadSession();
    if (state !== "mounted") return;
    if (session.error) return loadError(session.error);
    if (group.options.clientSecret) {
      const res = await group.loadIntent(group.options.clientSecret);
      if (state !== "mounted") return;
      if (res.error) return loadError(res.error);
    }
    loaded = true;
    emitter.emit("ready", { elementType: "payment" });
  }

  const element: FakePaymentElement = {
    mount(target) {
      if (state === "destroyed")
        throw integrationError("This Element has already been destroyed. Please create a new one.");
      if (state === "mounted") {
        throw integrationError(
          "This Element is already mounted. Use `unmount()` to unmount the Element before re-mounting.",
        );
      }
      const node = resolveMountTarget(target);
      if (!host) {
        const shadow = stripeEmuShadowHost(group.options.appearance);
        host = shadow.host;
        root = shadow.root;
        render(shadow.root);
      }
      node.appendChild(host);
      const firstMount = state === "created";
      state = "mounted";
      if (firstMount || (!loaded && !loadFailed)) void load();
      else if (loaded) setTimeout(() => emitter.emit("ready", { elementType: "payment" }), 0);
      return undefined;
    },
    unmount() {
      if (state !== "mounted") return;
      host?.remove();
      state = "unmounted";
    },
    destroy() {
      if (state === "destroyed")
        throw integrationError("This Element has already been destroyed. Please create a new one.");
      if (host) host.remove();
      state = "destroyed";
      group.onElementDestroyed(element);
    },
    update(updates) {
      options = Object.assign({}, options, updates || {});
      applyReadOnly();
    },
    on(event, handler) {
      emitter.on(event, handler);
      return element;
    },
    once(event, handler) {
      emitter.once(event, handler);
      return element;
    },
    off(event, handler) {
      emitter.off(event, handler);
      return element;
    },
    focus() {
      if (inputs.number) inputs.number.focus();
    },
    blur() {
      const active = root && root.activeElement;
      if (active instanceof HTMLElement) active.blur();
    },
    clear() {
      for (const key of CARD_FIELDS) {
        const input = inputs[key];
        if (input) input.value = key === "postalCode" ? defaultPostal : "";
      }
      for (const key of CARD_FIELDS) touched[key] = false;
      const result = validate();
      showErrors(result, false);
      emitter.emit("change", changeEvent(result));
    },
    collapse() {
      return element;
    },
  };

  /** Internal API for the Elements group and confirmPayment (not exposed on the public object). */
  const internal: PaymentElementHandle["internal"] = {
    get mounted() {
      return state === "mounted";
    },
    get loadFailed() {
      return loadFailed;
    },
    validateAndShow() {
      for (const key of CARD_FIELDS) touched[key] = true;
      const result = validate();
      showErrors(result, true);
      const first = firstCardError(result.errors);
      if (!result.complete && first) {
        inputs[first.param]?.focus();
        return { error: { type: first.type, code: first.code, message: first.message } };
      }
      return {};
    },
    paymentMethodData() {
      return cardPaymentMethodData(values(), collectsPostalCode(options));
    },
    setBusy(busy) {
      for (const input of inputList()) input.disabled = busy || Boolean(options.readOnly);
    },
    applyAppearance(appearance) {
      if (host) applyVars(host, appearance);
    },
    get complete() {
      return lastComplete;
    },
  };
  return { element, internal };
}
