/*
 * The fake Payment Element: an accessible card form rendered into the node passed to mount()
 * (inside a shadow root so the host page's CSS leaves it alone): its state, events and the element API.
 * The form's markup and the confirm payload are in payment-form.js. Part of the fake Stripe.js bundle.
 */

/**
 * @param group the internal state of the Elements group ({ options, stripe, onElementDestroyed, ... })
 */
function createPaymentElement(group, createOptions) {
  const emitter = emuEmitter();
  let options = Object.assign({}, createOptions || {});
  let state = "created"; // created | mounted | unmounted | destroyed
  let host = null;
  let root = null;
  let loaded = false;
  let loadFailed = false;
  let hasFocus = false;
  let lastComplete = false;
  const touched = { number: false, expiry: false, cvc: false, postalCode: false };
  const ids = {
    number: emuUid("card-number"),
    expiry: emuUid("card-expiry"),
    cvc: emuUid("card-cvc"),
    postalCode: emuUid("postal-code"),
  };
  const inputs = {};
  const errorNodes = {};
  let brandNode = null;
  let formNode = null;

  const defaults = (options.defaultValues && options.defaultValues.billingDetails) || {};
  const defaultPostal = (defaults.address && defaults.address.postal_code) || "";

  function values() {
    return {
      number: inputs.number ? inputs.number.value : "",
      expiry: inputs.expiry ? inputs.expiry.value : "",
      cvc: inputs.cvc ? inputs.cvc.value : "",
      postalCode: inputs.postalCode ? inputs.postalCode.value : defaultPostal,
    };
  }

  function validate() {
    return validateCardFields(values(), { collectPostalCode: collectsPostalCode(options) });
  }

  function showErrors(result, showAll) {
    for (const key of Object.keys(errorNodes)) {
      const err = result.errors[key];
      const visible = err && (showAll || touched[key]);
      errorNodes[key].textContent = visible ? err.message : "";
      if (inputs[key]) inputs[key].setAttribute("aria-invalid", visible ? "true" : "false");
    }
  }

  function changeEvent(result) {
    return {
      elementType: "payment",
      empty: result.empty,
      complete: result.complete,
      collapsed: false,
      value: { type: "card" },
    };
  }

  function onInput(key, event) {
    const input = inputs[key];
    if (key === "number") {
      input.value = formatCardNumber(input.value);
      const digits = onlyDigits(input.value);
      const brand = cardBrand(digits);
      brandNode.textContent = digits ? brand.label : "";
      inputs.cvc.maxLength = brand.cvc;
    } else if (key === "expiry") {
      const deleting = event && typeof event.inputType === "string" && event.inputType.startsWith("delete");
      input.value = formatExpiry(input.value, deleting);
    } else if (key === "cvc") {
      input.value = onlyDigits(input.value).slice(0, 4);
    }
    group.submitted = false;
    const result = validate();
    showErrors(result, false);
    lastComplete = result.complete;
    emitter.emit("change", changeEvent(result));
  }

  function field(key, labelText, inputAttrs, extra) {
    const errorId = `${ids[key]}-error`;
    const input = h(
      "input",
      Object.assign(
        { id: ids[key], name: key, "aria-describedby": errorId, "aria-invalid": "false" },
        inputAttrs,
      ),
    );
    input.addEventListener("input", (e) => onInput(key, e));
    input.addEventListener("blur", () => {
      if (input.value) touched[key] = true;
      showErrors(validate(), false);
    });
    inputs[key] = input;
    errorNodes[key] = h("div", { class: "emu-error", id: errorId });
    return h(
      "div",
      { class: "emu-field" },
      h("label", { for: ids[key] }, labelText),
      extra ? extra(input) : input,
      errorNodes[key],
    );
  }

  function render() {
    brandNode = h("span", { class: "emu-brand", "aria-hidden": "true" });
    formNode = paymentFormTree(field, brandNode, collectsPostalCode(options), defaultPostal);
    formNode.addEventListener("focusin", () => {
      if (!hasFocus) {
        hasFocus = true;
        emitter.emit("focus", { elementType: "payment" });
      }
    });
    formNode.addEventListener("focusout", (e) => {
      if (e.relatedTarget && root && root.contains(e.relatedTarget)) return;
      hasFocus = false;
      emitter.emit("blur", { elementType: "payment" });
    });
    formNode.addEventListener("keydown", (e) => {
      if (e.key === "Escape") emitter.emit("escape", { elementType: "payment" });
    });
    root.appendChild(formNode);
    applyReadOnly();
  }

  function applyReadOnly() {
    for (const key of Object.keys(inputs)) inputs[key].disabled = Boolean(options.readOnly);
  }

  function loadError(error) {
    loadFailed = true;
    if (formNode) formNode.remove();
    root.appendChild(
      h("div", { class: "emu-load-error", role: "alert" }, `Payment form failed to load: ${error.message}`),
    );
    emitter.emit("loaderror", { elementType: "payment", error });
  }

  async function load() {
    emitter.emit("loaderstart", { elementType: "payment" });
    if (group.options.clientSecret) {
      // The real Payment Element fetches its intent when it loads; a secret for an intent on another
      // account (missing stripeAccount) fails here already, with a loaderror.
      const res = await group.retrieveIntent(group.options.clientSecret);
      if (state !== "mounted") return;
      if (res.error) return loadError(res.error);
    } else {
      await new Promise((r) => setTimeout(r, 30));
      if (state !== "mounted") return;
    }
    loaded = true;
    emitter.emit("ready", { elementType: "payment" });
  }

  const element = {
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
        render();
      }
      node.appendChild(host);
      const firstMount = state === "created";
      state = "mounted";
      if (firstMount || (!loaded && !loadFailed)) load();
      else if (loaded) setTimeout(() => emitter.emit("ready", { elementType: "payment" }), 0);
      return undefined;
    },
    unmount() {
      if (state !== "mounted") return;
      host.remove();
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
      if (root && root.activeElement) root.activeElement.blur();
    },
    clear() {
      for (const key of Object.keys(inputs)) inputs[key].value = key === "postalCode" ? defaultPostal : "";
      for (const key of Object.keys(touched)) touched[key] = false;
      const result = validate();
      showErrors(result, false);
      emitter.emit("change", changeEvent(result));
    },
    collapse() {
      return element;
    },
  };

  /** Internal API for the Elements group and confirmPayment (not exposed on the public object). */
  const internal = {
    get mounted() {
      return state === "mounted";
    },
    get loadFailed() {
      return loadFailed;
    },
    validateAndShow() {
      for (const key of Object.keys(touched)) touched[key] = true;
      const result = validate();
      showErrors(result, true);
      if (!result.complete) {
        const first = firstCardError(result.errors);
        const input = first && inputs[first.param];
        if (input) input.focus();
        return { error: { type: first.type, code: first.code, message: first.message } };
      }
      return {};
    },
    /** payment_method_data for the confirm call. */
    paymentMethodData() {
      return cardPaymentMethodData(values(), collectsPostalCode(options));
    },
    setBusy(busy) {
      for (const key of Object.keys(inputs)) inputs[key].disabled = busy || Boolean(options.readOnly);
    },
    applyAppearance(appearance) {
      if (host) emuApplyVars(host, appearance);
    },
    get complete() {
      return lastComplete;
    },
  };
  return { element, internal };
}
