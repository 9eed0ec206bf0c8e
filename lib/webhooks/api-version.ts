import { STRIPE_API_VERSION } from "@/lib/stripe";

/*
 * Stripe renders each event at its endpoint's API version (set when the endpoint is created, never
 * changed after). Our handlers read the shapes of the version the SDK is pinned to, so both endpoints
 * must be created at that version (docs/webhooks.md); an event rendered at another one is flagged.
 */

/** The version every endpoint's events must be rendered at. */
export const EXPECTED_EVENT_API_VERSION: string = STRIPE_API_VERSION;

/**
 * Whether Stripe rendered the event at another API version than the SDK's. Events without a version
 * (none from Stripe; only hand-made ones) are not flagged.
 */
export function apiVersionMismatch(apiVersion: string | null | undefined): boolean {
  return apiVersion != null && apiVersion !== EXPECTED_EVENT_API_VERSION;
}
