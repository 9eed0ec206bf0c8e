/**
 * A small typed parameter schema: each endpoint declares what it accepts, and parsing gives a typed value
 * or throws the `invalid_request_error` Stripe would, with `param` in Stripe's bracket notation
 * (`components[payments][features][refund_management]`). Unknown keys are refused, like Stripe does,
 * so a typo in the app fails in tests instead of being silently ignored. Errors carry Stripe's codes
 * (https://docs.stripe.com/error-codes): `parameter_unknown`, `parameter_missing`,
 * `parameter_invalid_integer`, `parameter_invalid_empty` (an empty value for something that cannot be
 * unset), `parameter_invalid_string_blank` (only whitespace), each with `param` and `doc_url`.
 */
import type Stripe from "stripe";
import { invalidRequest, missingParameter, unknownParameter } from "./errors";
import type { ParamValue } from "./form";

export interface Field<T, R extends boolean = boolean> {
  readonly required: R;
  parse(value: ParamValue, param: string): T;
}

interface Builder<T> extends Field<T, false> {
  /** The same field, but absent → "Missing required param". */
  req(): Field<T, true>;
}

type Shape = Record<string, Field<unknown>>;
/** What a field parses to. */
export type FieldValue<F> = F extends Field<infer T, boolean> ? T : never;
type RequiredKeys<P> = { [K in keyof P]: P[K] extends Field<unknown, true> ? K : never }[keyof P];
type OptionalKeys<P> = Exclude<keyof P, RequiredKeys<P>>;
export type Infer<P extends Shape> = { [K in RequiredKeys<P>]: FieldValue<P[K]> } & {
  [K in OptionalKeys<P>]?: FieldValue<P[K]>;
};

function builder<T>(parse: (value: ParamValue, param: string) => T): Builder<T> {
  return {
    required: false,
    parse,
    req: () => ({ required: true, parse }),
  };
}

function describe(value: ParamValue): string {
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

function isHash(value: ParamValue): value is { [key: string]: ParamValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function sub(param: string, key: string | number): string {
  return param === "" ? String(key) : `${param}[${key}]`;
}

function parseObject<P extends Shape>(props: P, value: ParamValue, param: string): Infer<P> {
  if (value === "" && param !== "") throw cannotBeEmpty(param);
  if (!isHash(value)) throw invalidRequest(`Invalid hash: ${param} must be an object`, param);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(props, key)) throw unknownParameter(sub(param, key));
  }
  for (const [key, field] of Object.entries(props)) {
    const raw = value[key];
    if (raw === undefined) {
      if (field.required) throw missingParameter(sub(param, key));
      continue;
    }
    out[key] = field.parse(raw, sub(param, key));
  }
  return out as Infer<P>;
}

/** Stripe's answer to `param=` on something that cannot be unset (code `parameter_invalid_empty`). */
export function cannotBeEmpty(param: string) {
  return invalidRequest(
    `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
    param,
    "parameter_invalid_empty",
  );
}

function invalidInteger(message: string, param: string) {
  return invalidRequest(message, param, "parameter_invalid_integer");
}

export const f = {
  string(opts: { maxLength?: number; nonEmpty?: boolean } = {}) {
    return builder<string>((value, param) => {
      if (typeof value === "number") value = String(value);
      if (typeof value !== "string") throw invalidRequest(`Invalid string: ${describe(value)}`, param);
      if (opts.nonEmpty && value === "") throw cannotBeEmpty(param);
      if (opts.nonEmpty && value.trim() === "")
        throw invalidRequest(
          `Invalid ${param}: the value contains only whitespace.`,
          param,
          "parameter_invalid_string_blank",
        );
      if (opts.maxLength !== undefined && value.length > opts.maxLength)
        throw invalidRequest(`Invalid ${param}: must be at most ${opts.maxLength} characters`, param);
      return value;
    });
  },
  int(opts: { min?: number; max?: number } = {}) {
    return builder<number>((value, param) => {
      if (value === "") throw cannotBeEmpty(param);
      const n =
        typeof value === "number"
          ? value
          : typeof value === "string" && /^-?\d+$/.test(value)
            ? Number(value)
            : NaN;
      if (!Number.isSafeInteger(n)) throw invalidInteger(`Invalid integer: ${describe(value)}`, param);
      if (opts.min !== undefined && n < opts.min)
        throw invalidInteger(`This value must be greater than or equal to ${opts.min}.`, param);
      if (opts.max !== undefined && n > opts.max)
        throw invalidInteger(`This value must be less than or equal to ${opts.max}.`, param);
      return n;
    });
  },
  bool() {
    return builder<boolean>((value, param) => {
      if (value === "") throw cannotBeEmpty(param);
      if (value === true || value === "true") return true;
      if (value === false || value === "false") return false;
      throw invalidRequest(`Invalid boolean: ${describe(value)}`, param);
    });
  },
  enumOf<const T extends string>(...values: T[]) {
    return builder<T>((value, param) => {
      if (value === "") throw cannotBeEmpty(param);
      if (typeof value === "string" && (values as string[]).includes(value)) return value as T;
      throw invalidRequest(`Invalid ${param}: must be one of ${values.join(", ")}`, param);
    });
  },
  obj<P extends Shape>(props: P) {
    return builder<Infer<P>>((value, param) => parseObject(props, value, param));
  },
  arr<T>(item: Field<T>) {
    return builder<T[]>((value, param) => {
      if (!Array.isArray(value)) throw invalidRequest(`Invalid array: ${param} must be a list`, param);
      return value.map((v, i) => item.parse(v, sub(param, i)));
    });
  },
  /**
   * Stripe metadata: up to 50 keys, keys ≤ 40 chars, values ≤ 500 chars. An empty string value
   * (`metadata[key]=`) unsets that key; `metadata=` clears all (parsed as null) — see mergeMetadata.
   */
  metadata() {
    return builder<Record<string, string> | null>((value, param) => {
      if (value === "") return null;
      if (!isHash(value)) throw invalidRequest(`Invalid hash: ${param} must be an object`, param);
      const entries = Object.entries(value);
      if (entries.length > 50) throw invalidRequest(`Invalid ${param}: at most 50 keys`, param);
      const out: Record<string, string> = {};
      for (const [k, v] of entries) {
        if (k.length > 40)
          throw invalidRequest(`Invalid ${param}: keys must be at most 40 characters`, sub(param, k));
        if (typeof v !== "string" && typeof v !== "number")
          throw invalidRequest(`Invalid string: ${describe(v)}`, sub(param, k));
        if (String(v).length > 500)
          throw invalidRequest(`Invalid ${param}: values must be at most 500 characters`, sub(param, k));
        out[k] = String(v);
      }
      return out;
    });
  },
};

/** `expand[]` is accepted by every Stripe endpoint. */
const EXPAND = f.arr(f.string());

export function parseParams<P extends Shape>(
  raw: { [key: string]: ParamValue },
  props: P,
): Infer<P> & { expand?: string[] } {
  return parseObject({ ...props, expand: EXPAND }, raw, "") as Infer<P> & { expand?: string[] };
}

/** Applies a metadata update the way Stripe merges it: "" deletes a key, `metadata=""` clears all. */
export function mergeMetadata(
  current: Record<string, string> | null,
  update: Record<string, string> | null | undefined,
): Record<string, string> {
  if (update === undefined) return current ?? {};
  if (update === null) return {};
  const out = { ...(current ?? {}) };
  for (const [k, v] of Object.entries(update)) {
    if (v === "") delete out[k];
    else out[k] = v;
  }
  return out;
}

/** Pagination parameters shared by every list endpoint. */
/** Stripe's address hash, as every resource takes it. */
export const ADDRESS = f.obj({
  city: f.string(),
  country: f.string(),
  line1: f.string(),
  line2: f.string(),
  postal_code: f.string(),
  state: f.string(),
});

type AddressPart = { [K in keyof Stripe.Address]?: Stripe.Address[K] | undefined } | null | undefined;

/** A whole Stripe address: every field present (null when never given), later parts overriding earlier ones. */
export function fullAddress(...parts: AddressPart[]): Stripe.Address {
  const empty: Stripe.Address = {
    city: null,
    country: null,
    line1: null,
    line2: null,
    postal_code: null,
    state: null,
  };
  return Object.assign(empty, ...parts.map((part) => part ?? {})) as Stripe.Address;
}

export const LIST_PARAMS = {
  limit: f.int({ min: 1, max: 100 }),
  starting_after: f.string(),
  ending_before: f.string(),
  created: f.obj({ gt: f.int(), gte: f.int(), lt: f.int(), lte: f.int() }),
};
