import { env } from "@/lib/env";
import { countHit, waitText, type ThrottleVerdict } from "@/lib/security/throttle";

/*
 * Limits on the actions that move money, so that one address cannot use the platform to test stolen
 * cards (every checkout submit creates or reuses a PaymentIntent and lets the browser confirm a card)
 * or fire refunds in a loop. Counted in the database like sign-in (lib/security/throttle.ts), so the
 * limits hold across app instances and parallel requests never overshoot.
 *
 * - checkout: every submit of a checkout form counts, per address (CHECKOUT_ATTEMPTS_PER_IP per window)
 *   and per form (one rendered checkout = one order: a buyer retrying cards on it gets
 *   MONEY_LIMITS.checkoutPerForm tries per window; Stripe's own card-testing protection comes on top);
 * - refund: each confirmed refund counts per address (previews move no money and are not counted).
 * A refusal charges and refunds nothing and says how long to wait.
 */
export const MONEY_LIMITS = {
  windowMs: 10 * 60 * 1000,
  get checkoutPerIp(): number {
    return env.CHECKOUT_ATTEMPTS_PER_IP;
  },
  checkoutPerForm: 10,
  refundPerIp: 30,
} as const;

export type MoneyRefusal = { ok: false; retryAfterSeconds: number; message: string };

function refusal(verdict: ThrottleVerdict, what: string): { ok: true } | MoneyRefusal {
  if (verdict.ok) return verdict;
  return {
    ...verdict,
    message: `${what} Nothing was charged or refunded. Try again in ${waitText(verdict.retryAfterSeconds)}.`,
  };
}

/** Counts one checkout submit from `ip` for the form `checkoutKey` (the address first, then the form). */
export async function reserveCheckoutAttempt({
  ip,
  checkoutKey,
}: {
  ip: string;
  checkoutKey: string;
}): Promise<{ ok: true } | MoneyRefusal> {
  const byIp = await countHit(`checkout:ip:${ip}`, MONEY_LIMITS.windowMs, MONEY_LIMITS.checkoutPerIp);
  if (!byIp.ok) return refusal(byIp, "Too many payment attempts from your network.");
  const byForm = await countHit(
    `checkout:form:${checkoutKey}`,
    MONEY_LIMITS.windowMs,
    MONEY_LIMITS.checkoutPerForm,
  );
  return refusal(byForm, "Too many payment attempts for this order.");
}

/** Counts one confirmed refund from `ip`. */
export async function reserveRefundAttempt({ ip }: { ip: string }): Promise<{ ok: true } | MoneyRefusal> {
  return refusal(
    await countHit(`refund:ip:${ip}`, MONEY_LIMITS.windowMs, MONEY_LIMITS.refundPerIp),
    "Too many refunds from your network.",
  );
}
