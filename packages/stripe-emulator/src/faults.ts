/**
 * Fault injection: make requests matching a path fail like the network or Stripe would.
 * - 500 / 429: answered without applying the request (Stripe's api_error / rate_limit); nothing is stored
 *   under the idempotency key (the endpoint never began executing), so a retry with the key runs it;
 * - 500_after: the endpoint runs (its effects stay, events included), then the answer is a 500 api_error
 *   that IS stored under the idempotency key and replayed for 24 h with `Stripe-Should-Retry: false` —
 *   Stripe's "began executing, then failed": the same key never succeeds, only a new key makes progress;
 * - timeout: the connection hangs, then closes without an answer; drop: closed at once. Not applied;
 * - timeout_after: the request IS applied (and its idempotent result stored), then the answer is lost —
 *   the case idempotency keys exist for: a retry with the same key must replay, not charge twice.
 * `account` (optional) limits a fault to requests made for that connected account (`Stripe-Account`), so
 * tests sharing one emulator can fail their own requests without touching each other's.
 * Two modes: `count` (the next N matching requests fail, then the fault is gone) and `rate` (each matching
 * request fails with that probability until the faults are cleared). Rate faults draw from a seeded PRNG so
 * a run is repeatable; rate faults matching the same request share one draw, so their rates add up
 * (20% "500" + 10% "timeout" = 30% of requests fail) and each one's observed share is its own rate.
 */
import { invalidRequest } from "./errors";
import { newId } from "./state";

export const FAULT_KINDS = ["500", "500_after", "429", "timeout", "drop", "timeout_after"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The generator restarts from this seed when faults are cleared, unless a rate fault names its own. */
export const DEFAULT_FAULT_SEED = 1;

export interface Fault {
  id: string;
  path: string;
  method: string | null;
  /** Only requests with this `Stripe-Account` header; null = any. */
  account: string | null;
  /** Count mode: uses left. Null for a rate fault. */
  remaining: number | null;
  /** Rate mode: probability (0–1] that a matching request fails. Null for a count fault. */
  rate: number | null;
  kind: FaultKind;
  timeoutMs: number | null;
  /** Requests that matched this fault (rate mode: that drew for it). */
  seen: number;
  /** Requests this fault actually failed. */
  injected: number;
}

export interface FaultSpec {
  path: string;
  method?: string;
  account?: string;
  kind: FaultKind;
  timeoutMs?: number;
  /** Exactly one of count and rate. */
  count?: number;
  rate?: number;
  /** Rate mode: restarts the shared generator from this seed. */
  seed?: number;
}

/** A path starting with "^" is a regular expression; anything else is a prefix. */
function pathMatches(pattern: string, path: string): boolean {
  if (pattern.startsWith("^")) {
    try {
      return new RegExp(pattern).test(path);
    } catch {
      return false;
    }
  }
  return path.startsWith(pattern);
}

/** mulberry32: small, fast and good enough to pick which requests fail; same seed, same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultTable {
  private faults: Fault[] = [];
  private random = seededRandom(DEFAULT_FAULT_SEED);

  add(spec: FaultSpec): Fault {
    if (spec.path.startsWith("^")) {
      try {
        new RegExp(spec.path);
      } catch {
        throw invalidRequest(`Invalid path regex: ${spec.path}`, "path");
      }
    }
    if (spec.rate !== undefined && spec.count !== undefined)
      throw invalidRequest("Give either count or rate, not both.", "rate");
    if (spec.rate !== undefined && !(spec.rate > 0 && spec.rate <= 1))
      throw invalidRequest("rate must be a number in (0, 1]", "rate");
    if (spec.seed !== undefined) this.random = seededRandom(spec.seed);
    const fault: Fault = {
      id: newId("fault", 12),
      path: spec.path,
      method: spec.method ? spec.method.toUpperCase() : null,
      account: spec.account ?? null,
      remaining: spec.rate !== undefined ? null : (spec.count ?? 1),
      rate: spec.rate ?? null,
      kind: spec.kind,
      timeoutMs: spec.timeoutMs ?? null,
      seen: 0,
      injected: 0,
    };
    this.faults.push(fault);
    return { ...fault };
  }

  private matches(f: Fault, method: string, path: string, account: string | undefined): boolean {
    return (
      (f.method === null || f.method === method) &&
      (f.account === null || f.account === account) &&
      pathMatches(f.path, path)
    );
  }

  /** The fault to apply to this request, if any: count faults first (one use consumed), then one rate draw. */
  take(method: string, path: string, account?: string): Fault | null {
    const counted = this.faults.find(
      (f) => f.remaining !== null && f.remaining > 0 && this.matches(f, method, path, account),
    );
    if (counted && counted.remaining !== null) {
      counted.remaining--;
      counted.seen++;
      counted.injected++;
      if (counted.remaining === 0) this.faults = this.faults.filter((f) => f !== counted);
      return { ...counted };
    }
    const rated = this.faults.filter((f) => f.rate !== null && this.matches(f, method, path, account));
    if (rated.length === 0) return null;
    const draw = this.random();
    let floor = 0;
    let hit: Fault | null = null;
    for (const f of rated) {
      f.seen++;
      const ceiling = floor + (f.rate ?? 0);
      if (hit === null && draw >= floor && draw < ceiling) {
        f.injected++;
        hit = f;
      }
      floor = ceiling;
    }
    return hit ? { ...hit } : null;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
    this.random = seededRandom(DEFAULT_FAULT_SEED);
  }
}
