/*
 * Types shared by the modules of the fake Stripe.js: the public surface it implements (the part of
 * @stripe/stripe-js' `Stripe`, `StripeElements` and `StripePaymentElement` that the app and
 * @stripe/react-stripe-js use, see ../README.md) and its internal state.
 */
import type {
  Appearance,
  ConfirmPaymentData,
  ConfirmSetupData,
  PaymentIntentOrSetupIntentResult,
  PaymentIntentResult,
  PaymentMethodCreateParams,
  PaymentMethodResult,
  SetupIntentResult,
  Stripe,
  StripeConstructorOptions,
  StripeElements,
  StripeElementsOptions,
  StripeElementsUpdateOptions,
  StripeError,
  StripePaymentElementChangeEvent,
  StripePaymentElementOptions,
  StripePaymentElementUpdateOptions,
  WrapperLibrary,
} from "@stripe/stripe-js";

/** Payment Element events and their payloads (as typed by StripePaymentElement's on/once/off). */
export interface PaymentElementEvents {
  change: StripePaymentElementChangeEvent;
  ready: { elementType: "payment" };
  focus: { elementType: "payment" };
  blur: { elementType: "payment" };
  escape: { elementType: "payment" };
  loaderstart: { elementType: "payment" };
  loaderror: { elementType: "payment"; error: StripeError };
}

type PaymentElementHandler<K extends keyof PaymentElementEvents> = (event: PaymentElementEvents[K]) => void;

/** The Payment Element, as `elements.create("payment")` returns it. */
export interface FakePaymentElement {
  mount(target: string | HTMLElement): void;
  unmount(): void;
  destroy(): void;
  update(updates?: Partial<StripePaymentElementUpdateOptions>): void;
  on<K extends keyof PaymentElementEvents>(event: K, handler: PaymentElementHandler<K>): FakePaymentElement;
  once<K extends keyof PaymentElementEvents>(event: K, handler: PaymentElementHandler<K>): FakePaymentElement;
  off<K extends keyof PaymentElementEvents>(event: K, handler?: PaymentElementHandler<K>): FakePaymentElement;
  focus(): void;
  blur(): void;
  clear(): void;
  collapse(): FakePaymentElement;
}

/** `stripe.elements(...)`: an Elements group with the Payment Element only. */
export interface FakeElements extends Pick<StripeElements, "submit" | "fetchUpdates"> {
  create(type: string, options?: StripePaymentElementOptions): FakePaymentElement;
  getElement(type: string): FakePaymentElement | null;
  /** Applied synchronously (Stripe.js resolves a promise; react-stripe-js ignores the result). */
  update(options: StripeElementsUpdateOptions): void;
  on(): FakeElements;
  off(): FakeElements;
}

export interface ConfirmPaymentParams {
  elements?: FakeElements;
  clientSecret?: string;
  confirmParams?: Partial<ConfirmPaymentData>;
  redirect?: "always" | "if_required";
}

/** `stripe.confirmSetup(...)`: Stripe.js' four overloads in one (the Payment Element, or a clientSecret). */
export interface ConfirmSetupParams {
  elements?: FakeElements;
  clientSecret?: string;
  confirmParams?: Partial<ConfirmSetupData>;
  redirect?: "always" | "if_required";
}

/**
 * `stripe.createPaymentMethod({ elements, params })` (Stripe.js' CreatePaymentMethodFromElements, the
 * Payment Element of a group created with `paymentMethodCreation: "manual"`). Stripe.js' other forms (a
 * card Element, raw data) answer `emulator_unsupported`.
 */
export interface CreatePaymentMethodOptions {
  elements?: FakeElements;
  params?: PaymentMethodCreateParams;
  metadata?: Record<string, string>;
}

/** The result of the methods the fake does not implement. */
export type UnsupportedResult = Promise<{ error: StripeError }>;

/** A Stripe.js instance. Methods whose signature is Stripe's exactly are taken from `Stripe`. */
export interface FakeStripe extends Pick<
  Stripe,
  | "confirmCardPayment"
  | "retrievePaymentIntent"
  | "retrieveSetupIntent"
  | "handleCardAction"
  | "registerAppInfo"
> {
  elements(options?: StripeElementsOptions): FakeElements;
  /** With `redirect: "always"` a success never settles (the page navigates to return_url). */
  confirmPayment(params: ConfirmPaymentParams): Promise<PaymentIntentResult>;
  /** With `redirect: "always"` a success never settles (the page navigates to return_url). */
  confirmSetup(params: ConfirmSetupParams): Promise<SetupIntentResult>;
  /** A PaymentIntent or SetupIntent confirmed on the server that is in requires_action. */
  handleNextAction(params: { clientSecret: string }): Promise<PaymentIntentOrSetupIntentResult>;
  createPaymentMethod(options: CreatePaymentMethodOptions): Promise<PaymentMethodResult>;
  createToken(): UnsupportedResult;
  createConfirmationToken(): UnsupportedResult;
  /** Called by @stripe/stripe-js' loadStripe with `{ name: "stripe-js", version, startTime }`. */
  _registerWrapper(wrapper: unknown): void;
}

/** `window.Stripe`: `StripeConstructor`'s call signature plus the release train loadStripe checks. */
export interface FakeStripeConstructor {
  (publishableKey: string, options?: StripeConstructorOptions): FakeStripe;
  version: string;
  emulator: { apiOrigin: string };
}

/** A confirm call's body, form-encoded as it is. */
export type FormBody = Record<string, unknown>;

export interface SettleFlow {
  redirect: "always" | "if_required";
  returnUrl?: string;
  handleActions?: boolean;
}

/**
 * Per-instance state: key, account, API origin, and the headers of every call (reading, confirming and
 * settling intents is in intents.ts).
 */
export interface StripeContext {
  key: string;
  stripeAccount: string | null;
  apiVersion: string | null;
  origin: string;
  appearance: Appearance | undefined;
  wrappers: object[];
  appInfo: WrapperLibrary | null;
  headers(): Record<string, string>;
}

/** Options of an Elements group, as validated (unknown extra keys are kept but not read). */
export interface ElementsOptionsState {
  clientSecret?: string;
  mode?: string;
  amount?: number;
  currency?: string;
  /** Deferred intents: must match the PaymentIntent's capture_method when confirming (confirm-payment.ts). */
  captureMethod?: string;
  /** The snake_case spelling @stripe/stripe-js also types; captureMethod wins when both are given. */
  capture_method?: string;
  /** Deferred intents: must match the PaymentIntent's setup_future_usage (confirm-payment.ts). */
  setupFutureUsage?: string | null;
  setup_future_usage?: string | null;
  /** "manual": the group may create PaymentMethods (`stripe.createPaymentMethod`). */
  paymentMethodCreation?: string;
  appearance?: Appearance;
}

/** `payment_method_data` for a card, as the confirm call sends it. */
export interface CardPaymentMethodData {
  type: "card";
  card: { number: string; exp_month: number | ""; exp_year: number | ""; cvc: string };
  billing_details?: { address: { postal_code: string } };
}

/** What the Elements group and confirmPayment use of a Payment Element (not on the public object). */
export interface PaymentElementInternal {
  readonly mounted: boolean;
  readonly loadFailed: boolean;
  readonly complete: boolean;
  validateAndShow(): { error?: StripeError };
  paymentMethodData(): CardPaymentMethodData;
  setBusy(busy: boolean): void;
  applyAppearance(appearance: Appearance | undefined): void;
}

export interface PaymentElementHandle {
  element: FakePaymentElement;
  internal: PaymentElementInternal;
}

/** The internal state of an Elements group. */
export interface ElementsGroup {
  ctx: StripeContext;
  options: ElementsOptionsState;
  submitted: boolean;
  payment: PaymentElementHandle | null;
  /** Reads the intent the group's client secret names (PaymentIntent or SetupIntent); { error } if it cannot. */
  loadIntent(secret: string): Promise<{ error?: StripeError }>;
  /**
   * The elements session: the payment method types the account can take (an error when it can take
   * none, e.g. a connected account whose card_payments capability is inactive).
   */
  loadSession(): Promise<{ error?: StripeError }>;
  onElementDestroyed(element: FakePaymentElement): void;
}
