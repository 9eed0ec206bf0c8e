/**
 * Request parameter decoding, as Stripe's API reads what the SDK sends:
 * `application/x-www-form-urlencoded` bodies (and GET query strings) with bracket nesting —
 * `metadata[order_id]=1`, `components[payments][features][refund_management]=true`,
 * arrays as `payment_method_types[0]=card` or `expand[]=latest_charge`. The browser fakes may also send
 * JSON. Values stay strings (form encoding has no types); the schema layer coerces and reports bad types.
 */
import { invalidRequest, unknownParameter } from "./errors";

export type Params = { [key: string]: ParamValue };
export type ParamValue = string | number | boolean | null | Params | ParamValue[];

/** Keys that would let a request body reach Object.prototype through bracket nesting. */
const FORBIDDEN_KEYS = new Set(["__proto__", "prototype", "constructor"]);

function splitKey(raw: string): string[] | null {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(raw);
  if (!match || match[1] === undefined) return null;
  const rest = match[2] ?? "";
  const segments = [match[1]];
  for (const part of rest.matchAll(/\[([^[\]]*)\]/g)) segments.push(part[1] ?? "");
  return segments;
}

function isParams(value: unknown): value is Params {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Arrays are first built as objects keyed by index ("0", "1", or "" pushed via `[]`), then turned into
 * arrays once every key is known — `a[1]=x&a[0]=y` is legal and must give ["y", "x"].
 */
const PUSH_MARK = Symbol("push");
type Building = Params & { [PUSH_MARK]?: ParamValue[] };

function finalize(value: ParamValue): ParamValue {
  if (!isParams(value)) return value;
  const building = value as Building;
  const pushed = building[PUSH_MARK];
  const keys = Object.keys(value);
  if (pushed) {
    if (keys.length > 0) throw invalidRequest("Invalid array: mixed `[]` and named keys");
    return pushed.map(finalize);
  }
  const numeric = keys.length > 0 && keys.every((k) => /^\d+$/.test(k));
  if (numeric) {
    return keys
      .map((k) => Number(k))
      .sort((a, b) => a - b)
      .map((k) => finalize(value[String(k)] as ParamValue));
  }
  const out: Params = {};
  for (const key of keys) out[key] = finalize(value[key] as ParamValue);
  return out;
}

export function parseForm(body: string): Params {
  const root: Building = {};
  if (body.trim() === "") return root;
  let pairs: URLSearchParams;
  try {
    pairs = new URLSearchParams(body);
  } catch {
    throw invalidRequest("Invalid request body: could not decode form parameters.");
  }
  for (const [rawKey, value] of pairs) {
    const segments = splitKey(rawKey);
    if (!segments) throw invalidRequest(`Invalid parameter name: ${rawKey}`, rawKey);
    let node: Building = root;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i] as string;
      const last = i === segments.length - 1;
      if (FORBIDDEN_KEYS.has(seg)) throw unknownParameter(rawKey);
      if (seg === "") {
        // `a[]=x`: push onto an array kept beside the object until finalize().
        const list = (node[PUSH_MARK] ??= []);
        if (last) list.push(value);
        else {
          const child: Building = {};
          list.push(child);
          node = child;
        }
        continue;
      }
      const existing = node[seg];
      if (last) {
        if (existing !== undefined && isParams(existing))
          throw invalidRequest(`Invalid parameter: ${rawKey} is both a value and a hash`, rawKey);
        node[seg] = value;
      } else {
        if (existing === undefined) {
          const child: Building = {};
          node[seg] = child;
          node = child;
        } else if (isParams(existing)) {
          node = existing;
        } else {
          throw invalidRequest(
            `Invalid parameter: ${segments.slice(0, i + 1).join("][")} is both a value and a hash`,
            rawKey,
          );
        }
      }
    }
  }
  return finalize(root) as Params;
}

/** JSON bodies (browser fakes): objects only; anything else is a 400, never an exception. */
export function parseJson(body: string): Params {
  if (body.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body, (key, v: unknown) => (FORBIDDEN_KEYS.has(key) ? undefined : v));
  } catch {
    throw invalidRequest("Invalid JSON body: the request body could not be parsed.");
  }
  if (!isParams(parsed)) throw invalidRequest("Invalid JSON body: expected an object.");
  return parsed;
}

export function parseBody(contentType: string | undefined, body: string): Params {
  if (contentType?.toLowerCase().includes("application/json")) return parseJson(body);
  return parseForm(body);
}

/** Stable serialisation, so two requests with the same parameters in a different order compare equal. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isParams(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
