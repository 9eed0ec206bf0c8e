/*
 * stripe.elements(): the Elements group. Part of the fake Stripe.js bundle.
 * Internal state is kept in a WeakMap so the public objects look like Stripe's.
 */
import type { StripeElementsOptions } from "@stripe/stripe-js";
import { emuRequest } from "../common";
import { fetchIntent, intentIdFromSecret, kindOfSecret } from "./intents";
import { createPaymentElement } from "./payment-element";
import { integrationError } from "./payment-form";
import type { ElementsGroup, ElementsOptionsState, FakeElements, StripeContext } from "./types";

const ELEMENTS_GROUPS = new WeakMap<object, ElementsGroup>();

/** The internal state behind a group returned by elements(), if it is one. */
export function elementsGroupOf(elements: object): ElementsGroup | undefined {
  return ELEMENTS_GROUPS.get(elements);
}

/** Stripe.js' capture methods; "automatic_async" captures automatically too, only asynchronously. */
const CAPTURE_METHODS = ["automatic", "automatic_async", "manual"];

/**
 * The capture method a deferred-intent group promises (`captureMethod`, or its snake_case alias), "automatic"
 * when it names none, folded so that "automatic_async" counts as "automatic" (both capture on their own).
 */
export function groupCaptureMethod(options: ElementsOptionsState): string {
  return captureKind(options.captureMethod ?? options.capture_method ?? "automatic");
}

/** "manual", or "automatic" for both automatic kinds: what a PaymentIntent and an Elements group must agree on. */
export function captureKind(method: string | null | undefined): string {
  return method === "manual" ? "manual" : "automatic";
}

function validateCaptureMethod(options: ElementsOptionsState, where: string): void {
  for (const key of ["captureMethod", "capture_method"] as const) {
    const value = options[key];
    if (value !== undefined && !CAPTURE_METHODS.includes(value)) {
      throw integrationError(
        `Invalid value for ${where}: ${key} should be one of the following strings: ${CAPTURE_METHODS.join(", ")}. You specified: ${String(value)}.`,
      );
    }
  }
}

/** Options Stripe.js takes one value of: `paymentMethodCreation` ("manual") and `setupFutureUsage`. */
function validateChoices(options: ElementsOptionsState, where: string): void {
  type ChoiceKey = "paymentMethodCreation" | "setupFutureUsage" | "setup_future_usage";
  const choices: Array<[ChoiceKey, readonly (string | null)[]]> = [
    ["paymentMethodCreation", ["manual"]],
    ["setupFutureUsage", ["off_session", "on_session", null]],
    ["setup_future_usage", ["off_session", "on_session", null]],
  ];
  for (const [key, allowed] of choices) {
    const value = options[key];
    if (value !== undefined && !allowed.includes(value)) {
      throw integrationError(
        `Invalid value for ${where}: ${key} should be one of the following strings: ${allowed.filter(Boolean).join(", ")}. You specified: ${String(value)}.`,
      );
    }
  }
}

function validateElementsOptions(options: ElementsOptionsState, where = "elements()"): void {
  validateCaptureMethod(options, where);
  validateChoices(options, where);
  if (options.clientSecret !== undefined) {
    intentIdFromSecret(options.clientSecret, where);
    return;
  }
  if (options.mode === undefined) return; // create('payment') reports the missing intent.
  if (!["payment", "setup", "subscription"].includes(options.mode)) {
    throw integrationError(
      `Invalid value for ${where}: mode should be one of the following strings: payment, setup, subscription. You specified: ${options.mode}.`,
    );
  }
  // Setup mode may leave the currency out (@stripe/stripe-js types it optional there).
  const currencyGiven = options.currency !== undefined || options.mode !== "setup";
  if (currencyGiven && (typeof options.currency !== "string" || !/^[a-z]{3}$/i.test(options.currency))) {
    throw integrationError(`Missing value for ${where}: currency should be a string.`);
  }
  if (options.mode !== "setup") {
    if (typeof options.amount !== "number" || !Number.isInteger(options.amount) || options.amount < 0) {
      throw integrationError(`Invalid value for ${where}: amount should be a non-negative integer.`);
    }
  }
}

export function createElementsGroup(ctx: StripeContext, rawOptions?: StripeElementsOptions): FakeElements {
  const options: ElementsOptionsState = Object.assign({}, rawOptions || {});
  validateElementsOptions(options);

  const group: ElementsGroup = {
    ctx,
    options,
    submitted: false,
    payment: null,
    async loadIntent(secret) {
      const where = "elements()";
      return fetchIntent(ctx, kindOfSecret(secret, where), secret, where);
    },
    async loadSession() {
      const res = await emuRequest<{ payment_method_types: string[] }>(
        ctx.origin,
        "GET",
        "/_emulator/browser/elements/session",
        { headers: ctx.headers(), query: { mode: options.mode, currency: options.currency } },
      );
      return res.ok ? {} : { error: res.body.error };
    },
    onElementDestroyed(el) {
      if (group.payment && group.payment.element === el) group.payment = null;
    },
  };

  const elements: FakeElements = {
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
      // Validated on a copy first: an update Stripe.js refuses leaves the group as it was.
      const merged: ElementsOptionsState = Object.assign({}, options, next);
      if (merged.mode) validateElementsOptions(merged, "elements.update()");
      else {
        validateCaptureMethod(merged, "elements.update()");
        validateChoices(merged, "elements.update()");
      }
      Object.assign(options, next);
      if (next.appearance && group.payment) group.payment.internal.applyAppearance(options.appearance);
      group.submitted = false;
    },
    fetchUpdates() {
      return Promise.resolve({});
    },
    submit() {
      if (!group.payment || !group.payment.internal.mounted) {
        // Thrown inside the returned promise, as from an async function.
        return Promise.reject(
          integrationError("elements.submit(): elements should have a mounted Payment Element."),
        );
      }
      if (group.payment.internal.loadFailed) {
        return Promise.resolve({
          error: {
            type: "invalid_request_error",
            message: "The Payment Element failed to load; see its loaderror event.",
          },
        });
      }
      const result = group.payment.internal.validateAndShow();
      if (result.error) {
        group.submitted = false;
        return Promise.resolve({ error: result.error });
      }
      group.submitted = true;
      return Promise.resolve({ selectedPaymentMethod: "card" });
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
