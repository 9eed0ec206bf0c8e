/*
 * The tags and setters of @stripe/connect-js 3.4.x's embedded components. The tables are typed
 * against connect-js' own `connectElementTagNames`, `ConnectElementCommonMethodConfig` and
 * `ConnectElementCustomMethodConfig`, so tsc fails when a connect-js upgrade adds or drops one.
 * Part of the fake Connect.js bundle.
 */
import type {
  ConnectElementCommonMethodConfig,
  ConnectElementCustomMethodConfig,
  ConnectElementTagName,
} from "@stripe/connect-js/pure";

/** Every key of `T`, exactly once. */
type KeySet<T> = { readonly [K in keyof T]: true };
type CustomConfig = typeof ConnectElementCustomMethodConfig;

const COMMON_SETTERS: KeySet<typeof ConnectElementCommonMethodConfig> = {
  setOnLoadError: true,
  setOnLoaderStart: true,
};

const CUSTOM_SETTERS: { readonly [Tag in keyof CustomConfig]: KeySet<CustomConfig[Tag]> } = {
  "account-onboarding": {
    setFullTermsOfServiceUrl: true,
    setRecipientTermsOfServiceUrl: true,
    setPrivacyPolicyUrl: true,
    setSkipTermsOfServiceCollection: true,
    setCollectionOptions: true,
    setOnExit: true,
    setOnStepChange: true,
  },
  "account-management": { setCollectionOptions: true, setOnSectionOpen: true },
  "notification-banner": { setCollectionOptions: true, setOnNotificationsChange: true },
  "instant-payouts-promotion": { setOnInstantPayoutsPromotionLoaded: true, setOnInstantPayoutCreated: true },
  "issuing-card": {
    setDefaultCard: true,
    setCardSwitching: true,
    setFetchEphemeralKey: true,
    setShowSpendControls: true,
  },
  "issuing-cards-list": { setFetchEphemeralKey: true, setShowSpendControls: true, setIssuingProgram: true },
  "financial-account": { setFinancialAccount: true },
  "financial-account-transactions": { setFinancialAccount: true },
  payments: { setDefaultFilters: true },
  "payment-details": { setPayment: true, setOnClose: true },
  "payment-disputes": { setPayment: true, setOnDisputesLoaded: true },
  "tax-settings": {
    setHideProductTaxCodeSelector: true,
    setDisplayHeadOfficeCountries: true,
    setOnTaxSettingsUpdated: true,
  },
  "tax-registrations": {
    setOnAfterTaxRegistrationAdded: true,
    setDisplayCountries: true,
    setOnAfterTaxRegistrationExpired: true,
  },
  "payout-details": { setPayout: true, setOnClose: true },
  "payout-reconciliation-report": { setOnReportAvailabilityLoaded: true },
};

const TAGS: { readonly [Tag in ConnectElementTagName]: true } = {
  "account-onboarding": true,
  "disputes-list": true,
  payments: true,
  "payment-details": true,
  "payment-disputes": true,
  payouts: true,
  "payouts-list": true,
  "payout-details": true,
  balances: true,
  "account-management": true,
  "notification-banner": true,
  "instant-payouts-promotion": true,
  "issuing-card": true,
  "issuing-cards-list": true,
  "financial-account": true,
  "financial-account-transactions": true,
  documents: true,
  "tax-registrations": true,
  "tax-settings": true,
  "balance-report": true,
  "payout-reconciliation-report": true,
};

/** Every tag connect-js knows, in its order (`stripe-connect-${tag}` is the element's name). */
export const CONNECT_TAGS = Object.keys(TAGS) as ConnectElementTagName[];

const CUSTOM_BY_TAG = new Map<string, string[]>(
  Object.entries(CUSTOM_SETTERS).map(([tag, setters]) => [tag, Object.keys(setters)]),
);

/** The setters connect-js installs on `stripe-connect-${tag}` (common ones first). */
export function settersFor(tag: string): string[] {
  return Object.keys(COMMON_SETTERS).concat(CUSTOM_BY_TAG.get(tag) || []);
}

/** "setOnLoadError" → "onLoadError", "setCollectionOptions" → "collectionOptions". */
export function setterKey(setter: string): string {
  const rest = setter.slice(3);
  return rest.charAt(0).toLowerCase() + rest.slice(1);
}
