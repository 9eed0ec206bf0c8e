import type { ConnectedAccount } from "@/db/schema";

/*
 * "Can this seller take money?" — the one rule, for the shop listing, checkout and the seller's
 * dashboard. Stripe decides: `charges_enabled` is its own answer (false while card_payments is not
 * active, e.g. a requirement is past due or under review), so we store and read that flag rather than
 * second-guess capabilities. Ours is only that the seller is still connected to the platform.
 *
 * `details_submitted` is not part of it: it says whether the seller finished Stripe's form, which
 * Stripe already weighs in `charges_enabled` (and which gates payouts, not charges).
 *
 * The SQL twin is `canChargeCondition()` in db/queries/connected-accounts.ts, built from the same two
 * columns; tests/integration/lib/connect/can-charge.test.ts proves both select the same accounts.
 */

/** The columns the rule reads. */
export type ChargeState = Pick<ConnectedAccount, "chargesEnabled" | "disconnectedAt">;

/** Whether payments can be taken on this account now (no account: no). */
export function canCharge<A extends ChargeState>(account: A | null | undefined): account is A {
  return account != null && account.chargesEnabled && account.disconnectedAt === null;
}
