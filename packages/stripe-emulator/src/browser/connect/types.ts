/*
 * Types shared by the modules of the fake Connect.js: init params and instance (from
 * @stripe/connect-js), the emulator's browser endpoints' answers (Stripe API objects, typed by the
 * `stripe` package) and what a component renderer sees of its element.
 */
import type {
  AppearanceOptions,
  EmbeddedErrorType,
  IStripeConnectInitParams,
  IStripeConnectUpdateParams,
  LoadError,
  LoaderStart,
  NotificationCount,
  SectionOpen,
  StepChange,
  StripeConnectInstance,
} from "@stripe/connect-js/pure";
import type Stripe from "stripe";
import type { Child } from "../dom";

/**
 * What @stripe/connect-js passes to `StripeConnect.init()`: the public init params plus the
 * `metaOptions` its wrapper adds (`eagerClientSecretPromise` is `fetchClientSecret()` called early).
 */
export interface ConnectInitParams extends IStripeConnectInitParams {
  metaOptions?: {
    eagerClientSecretPromise?: Promise<string>;
    sdk?: boolean;
    sdkOptions?: { sdkVersion?: string };
  };
}

/** An Account Session component name (`account_onboarding`, `payouts`, …). */
export type ComponentName = keyof Stripe.AccountSession.Components;

/** A component's features as the session enabled them (`refund_management`, `standard_payouts`, …). */
export type ComponentFeatures = Partial<Record<string, boolean>>;

/** POST /_emulator/browser/account_sessions/claim, plus the secret it was claimed with. */
export interface ClaimedSession {
  secret: string;
  account: Stripe.Account;
  components: Partial<Record<ComponentName, { enabled?: boolean; features?: ComponentFeatures }>>;
  expires_at: number;
}

/** Connect.js' EmbeddedError ({ type, message }) plus the emulator's error code. */
export interface EmbeddedError extends Error {
  type: EmbeddedErrorType;
  code: string | undefined;
}

export type ConnectorEvent = "data" | "update" | "logout";
export type ConnectorListener = (kind: ConnectorEvent, source: unknown) => void;

/** The "connector" shared by the components of one StripeConnect.init() instance (`instance.connect`). */
export interface Connector {
  origin: string;
  publishableKey: string;
  appearance: AppearanceOptions;
  locale: string | undefined;
  loggedOut: boolean;
  subscribe(listener: ConnectorListener): () => boolean;
  notify(kind: ConnectorEvent, source?: unknown): void;
  secret(): Promise<string>;
  session(): Promise<ClaimedSession>;
  refresh(): void;
  api<T>(
    method: "GET" | "POST",
    path: string,
    component: ComponentName,
    payload: Record<string, unknown> | undefined,
    source: unknown,
  ): Promise<T>;
  update(options: IStripeConnectUpdateParams | undefined): void;
  logout(): Promise<void>;
}

/** `StripeConnect.init()`'s result: connect-js' instance plus the connector its elements are given. */
export interface FakeConnectInstance extends StripeConnectInstance {
  connect: Connector;
  debugInstance(): Promise<FakeConnectInstance>;
}

/** The events a component reports through the `setOn…` setters, by prop name. */
export interface ComponentEvents {
  onLoadError: LoadError;
  onLoaderStart: LoaderStart;
  onExit: undefined;
  onStepChange: StepChange;
  onNotificationsChange: NotificationCount;
  onSectionOpen: SectionOpen;
}

/** A <stripe-connect-*> element, as its renderer uses it. */
export interface ComponentHost extends HTMLElement {
  readonly _shadow: ShadowRoot;
  /** Values given through the setters, by prop name (`collectionOptions`, `defaultFilters`, …). */
  readonly _props: Record<string, unknown>;
  _lastNotificationKey?: string;
  /** Set by renderers that can redraw in place after an action (payouts, payments, settings). */
  rerender?: (message?: Node | null) => Promise<void>;
  /** Delivers a component event now or, if nobody listens yet, to the first listener set later. */
  _emit<K extends keyof ComponentEvents>(propName: K, payload: ComponentEvents[K]): void;
  /** Replaces the visible content (keeps the stylesheet). */
  show(...nodes: Child[]): HTMLElement;
  header(title: string): HTMLElement;
  /** Component API call bound to this component's Account Session component name. */
  api<T>(
    method: "GET" | "POST",
    path: string,
    payload?: Record<string, unknown>,
    componentOverride?: ComponentName,
  ): Promise<T>;
  /** Re-renders from fresh emulator data (after an action); no new loader events. */
  reload(): Promise<void>;
}

export interface RenderContext {
  session: ClaimedSession;
  features: ComponentFeatures;
}

/** How one <stripe-connect-TAG> renders: its session component, title and UI. */
export interface Renderer {
  component: ComponentName;
  title: string;
  render(el: ComponentHost, ctx: RenderContext): Promise<void>;
}

export type RendererRegistry = Readonly<Partial<Record<string, Renderer>>>;

/** A Stripe list or a plain array (the emulator answers lists). */
export type ListOf<T> = Stripe.ApiList<T> | T[];

export type Account = Stripe.Account;
export type Balance = Stripe.Balance;
export type Charge = Stripe.Charge;
export type Payout = Stripe.Payout;
export type ExternalAccount = Stripe.BankAccount | Stripe.Card;
