/**
 * Fault injection: "make the next N requests matching this path fail like the network or Stripe would".
 * - 500 / 429: answered without applying the request (Stripe's api_error / rate_limit);
 * - timeout: the connection hangs, then closes without an answer; drop: closed at once. Not applied;
 * - timeout_after: the request IS applied (and its idempotent result stored), then the answer is lost —
 *   the case idempotency keys exist for: a retry with the same key must replay, not charge twice.
 */
import { invalidRequest } from "./errors";
import { newId } from "./state";

export const FAULT_KINDS = ["500", "429", "timeout", "drop", "timeout_after"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  id: string;
  path: string;
  method: string | null;
  remaining: number;
  kind: FaultKind;
  timeoutMs: number | null;
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

export class FaultTable {
  private faults: Fault[] = [];

  add(spec: { path: string; method?: string; count: number; kind: FaultKind; timeoutMs?: number }): Fault {
    if (spec.path.startsWith("^")) {
      try {
        new RegExp(spec.path);
      } catch {
        throw invalidRequest(`Invalid path regex: ${spec.path}`, "path");
      }
    }
    const fault: Fault = {
      id: newId("fault", 12),
      path: spec.path,
      method: spec.method ? spec.method.toUpperCase() : null,
      remaining: spec.count,
      kind: spec.kind,
      timeoutMs: spec.timeoutMs ?? null,
    };
    this.faults.push(fault);
    return fault;
  }

  /** Consumes one use of the first matching fault, if any. */
  take(method: string, path: string): Fault | null {
    const fault = this.faults.find(
      (f) => f.remaining > 0 && (f.method === null || f.method === method) && pathMatches(f.path, path),
    );
    if (!fault) return null;
    fault.remaining--;
    if (fault.remaining === 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }
}
