/*
 * What stripe.confirmPayment(), stripe.confirmSetup() and stripe.createPaymentMethod() check and send
 * alike, as Stripe.js does: the Elements group (ours, this instance's, with a mounted Payment Element, of
 * the right mode), elements.submit() first for deferred intents, the Payment Element's validation, and the
 * card it collected as `payment_method_data`. Part of the fake Stripe.js bundle.
 */
import type { PaymentMethodCreateParams, StripeError } from "@stripe/stripe-js";
import { elementsGroupOf } from "./elements";
import { integrationError } from "./payment-form";
import type {
  CardPaymentMethodData,
  ElementsGroup,
  FakeElements,
  PaymentElementHandle,
  StripeContext,
} from "./types";

/** The group behind `elements` with its mounted Payment Element; IntegrationErrors name `where`. */
export function checkedGroup(
  ctx: StripeContext,
  elements: FakeElements,
  where: string,
): { group: ElementsGroup; pe: PaymentElementHandle } {
  const group = elementsGroupOf(elements);
  if (!group) throw integrationError(`Invalid value for ${where}: elements should be an Elements group.`);
  if (group.ctx !== ctx)
    throw integrationError(
      `Invalid value for ${where}: elements was created by a different Stripe instance.`,
    );
  const pe = group.payment;
  if (!pe || !pe.internal.mounted)
    throw integrationError(
      `Invalid value for ${where}: elements should have a mounted Payment Element or Express Checkout Element.`,
    );
  return { group, pe };
}

/** A deferred-intent group must have been created for this kind of intent (`mode`). */
export function requireMode(group: ElementsGroup, modes: readonly string[], where: string): void {
  const mode = group.options.mode;
  if (mode !== undefined && !modes.includes(mode))
    throw integrationError(
      `Invalid value for ${where}: the Elements group was created with mode: "${mode}"; ${where} needs ${modes.map((m) => `"${m}"`).join(" or ")}.`,
    );
}

/** Deferred intents: elements.submit() must have validated the form since its last change. */
export function requireSubmitted(group: ElementsGroup, where: string): void {
  if (group.options.mode && !group.submitted)
    throw integrationError(
      `elements.submit() must be called before ${where}. Call elements.submit() as soon as your customer presses pay, prior to any asynchronous work. Integration guide: https://stripe.com/docs/payments/accept-a-payment-deferred`,
    );
}

/** The Payment Element's own refusal: it failed to load, or its fields are invalid (shown on the form). */
export function elementError(pe: PaymentElementHandle): StripeError | null {
  if (pe.internal.loadFailed)
    return {
      type: "invalid_request_error",
      message: "The Payment Element failed to load; see its loaderror event.",
    };
  return pe.internal.validateAndShow().error ?? null;
}

/**
 * The card the Payment Element collected, over what the caller passed (`payment_method_data` or
 * `params`): its billing details merged, the Element's postal code winning, as Stripe.js does.
 */
export function cardData(
  pe: PaymentElementHandle,
  extra: { billing_details?: PaymentMethodCreateParams.BillingDetails } & Record<string, unknown> = {},
): CardPaymentMethodData & Record<string, unknown> {
  const data = pe.internal.paymentMethodData();
  const billing: PaymentMethodCreateParams.BillingDetails = Object.assign({}, extra.billing_details || {});
  if (data.billing_details) {
    billing.address = Object.assign({}, billing.address || {}, data.billing_details.address);
  }
  return Object.assign({}, extra, data, Object.keys(billing).length ? { billing_details: billing } : {});
}

/** Runs `work` with the Payment Element disabled, as Stripe.js does while it confirms. */
export async function whileBusy<T>(pe: PaymentElementHandle | null, work: () => Promise<T>): Promise<T> {
  if (pe) pe.internal.setBusy(true);
  try {
    return await work();
  } finally {
    if (pe) pe.internal.setBusy(false);
  }
}
