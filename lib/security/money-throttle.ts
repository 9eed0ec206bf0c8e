import { env } from "@/lib/env";
import { countHit, countHitsInOrder, waitText, type ThrottleVerdict } from "@/lib/security/throttle";

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

/**
 * Counts one checkout submit from `ip` for the form `checkoutKey`: the address first, then the form (a
 * submit the address limit refuses does not count against the form), in one statement.
 */
export async function reserveCheckoutAttempt({
  ip,
  checkoutKey,
}: {
  ip: string;
  checkoutKey: string;
}): Promise<{ ok: true } | MoneyRefusal> {
  const { windowMs } = MONEY_LIMITS;
  const verdict = await countHitsInOrder([
    { key: `checkout:ip:${ip}`, windowMs, limit: MONEY_LIMITS.checkoutPerIp },
    { key: `checkout:form:${checkoutKey}`, windowMs, limit: MONEY_LIMITS.checkoutPerForm },
  ]);
  if (verdict.ok) return verdict;
  return refusal(
    { ok: false, retryAfterSeconds: verdict.retryAfterSeconds },
    verdict.refusedAt === 0
      ? "Too many payment attempts from your network."
      : "Too many payment attempts for this order.",
  );
}

/** Counts one confirmed refund from `ip`. */
export async function reserveRefundAttempt({ ip }: { ip: string }): Promise<{ ok: true } | MoneyRefusal> {
  return refusal(
    await countHit(`refund:ip:${ip}`, MONEY_LIMITS.windowMs, MONEY_LIMITS.refundPerIp),
    "Too many refunds from your network.",
  );
}
