import { sql } from "drizzle-orm";
import fc from "fast-check";
import { NextRequest } from "next/server";
import { db } from "@/db/client";
import type { User } from "@/db/schema";
import { control } from "@/tests/helpers/emulator";
import { sessionCookie } from "@/tests/helpers/session";

/*
 * Generators of hostile input and a fingerprint of everything the app can write, so a test can say
 * "this request changed nothing" row for row.
 */

const NASTY = [
  "",
  " ",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "-0",
  "1e309",
  "0x1F",
  "1.005",
  "99999999999",
  "__proto__",
  "constructor",
  "prototype",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "\u0000",
  "\uD800",
  "../../etc/passwd",
  "%00",
  "${7*7}",
  "{{7*7}}",
  "😀",
  "evt_",
  "acct_1",
  "pi_1",
  "true",
  "[]",
  "{}",
  "on",
  "buyer",
  "seller",
  "admin",
  "requested_by_customer",
  "12.50",
  "1,00",
  "١٢",
  "javascript:alert(1)",
  "//evil.example",
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.uuid(),
  fc.emailAddress(),
  fc.string({ minLength: 300, maxLength: 3000 }),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);

/** Keys an action or route reads, plus keys it must never trust. */
export function hostileKey(fields: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...fields),
    fc.constantFrom("__proto__", "constructor", "amount", "fee", "role", "account", "$ACTION_ID_x"),
    hostileString,
  );
}

/** An object for an action taking a record: the real fields (often), hostile values from `pools` or anywhere. */
export function hostileRecord(
  fields: string[],
  pools: Record<string, string[]> = {},
): fc.Arbitrary<Record<string, unknown>> {
  const valueFor = (field: string): fc.Arbitrary<unknown> => {
    const pool = pools[field];
    return pool && pool.length > 0 ? fc.oneof(fc.constantFrom(...pool), hostileValue) : hostileValue;
  };
  const known = fc.record(Object.fromEntries(fields.map((f) => [f, valueFor(f)])), { requiredKeys: [] });
  const extra = fc.dictionary(hostileKey(fields), hostileValue, { maxKeys: 3 });
  return fc.tuple(known, extra).map(([a, b]) => ({ ...b, ...a }));
}

export function toFormData(record: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(record)) {
    if (value === null || value === undefined) continue;
    if (typeof value === "string") form.append(key, value);
    else if (Array.isArray(value)) for (const v of value) form.append(key, String(v));
    else if (typeof value === "object")
      form.append(key, new File([JSON.stringify(value)], "upload.json", { type: "application/json" }));
    else form.append(key, JSON.stringify(value) ?? ""); // numbers and booleans as the browser would send them
  }
  return form;
}

export interface HostileRequest {
  method: string;
  caller: number;
  path: string;
  query: Record<string, string>;
  contentType: string | undefined;
  body: string | undefined;
  headers: Record<string, string>;
}

const CONTENT_TYPES = [
  undefined,
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
];

/** A request to one of `paths`: any method, hostile query, headers and body, sent as one of the callers. */
export function hostileRequest(
  paths: string[],
  options: { callers: number; headers?: fc.Arbitrary<Record<string, string>>; body?: fc.Arbitrary<string> },
): fc.Arbitrary<HostileRequest> {
  return fc.record({
    method: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"),
    caller: fc.nat({ max: options.callers - 1 }),
    path: fc.constantFrom(...paths),
    query: fc.dictionary(hostileKey(["account", "code", "state", "error", "callbackUrl"]), hostileString, {
      maxKeys: 3,
    }),
    contentType: fc.constantFrom(...CONTENT_TYPES),
    body: fc.option(
      options.body ??
        fc.oneof(
          hostileString,
          fc.json(),
          hostileValue.map((v) => JSON.stringify(v) ?? ""),
        ),
      { nil: undefined },
    ),
    headers: options.headers ?? fc.constant({}),
  });
}

export async function buildRequest(r: HostileRequest, caller: User | null): Promise<NextRequest> {
  const url = new URL(r.path, "http://localhost:3000");
  for (const [k, v] of Object.entries(r.query)) url.searchParams.append(k, v);
  const headers = new Headers();
  for (const [k, v] of Object.entries(r.headers)) {
    try {
      headers.set(k, v);
    } catch {
      // Not a legal header value: a client could not send it either.
    }
  }
  if (r.contentType) headers.set("content-type", r.contentType);
  if (caller) headers.set("cookie", await sessionCookie(caller));
  const hasBody = r.body !== undefined && r.method !== "GET" && r.method !== "HEAD";
  return new NextRequest(url, { method: r.method, headers, body: hasBody ? r.body : undefined });
}

const FINGERPRINTED = [
  "users",
  "connected_accounts",
  "products",
  "orders",
  "refunds",
  "disputes",
  "payouts",
  "application_fees",
  "stripe_events",
  "audit_logs",
  "platform_settings",
  "buyer_customers",
  "connected_customers",
  "carts",
  "cart_items",
  "cart_checkouts",
  "seller_transfers",
  "cart_refund_steps",
] as const;

/**
 * What every table the app writes holds (plus the count of successful sign-ins): equal before and after
 * means nothing was written. Per table, the row count and the newest row version's transaction id
 * (`xmin`): an insert or a delete changes the count, and an insert or an update writes a row version with
 * a newer `xmin` than any before it. A write that rolled back leaves both as they were. This is a scan of
 * row headers, not of row contents, so it stays fast however much earlier files wrote (the suite shares
 * one database on a PostgreSQL server). Failed sign-in attempts are left out on purpose: recording them
 * is how password guessing gets throttled.
 */
export async function dbFingerprint(): Promise<Record<string, string>> {
  const parts = FINGERPRINTED.map((t) =>
    sql.raw(`(select count(*) || ':' || coalesce(max(xmin::text::bigint), 0) from ${t}) as ${t}`),
  );
  const query = sql.join(
    [
      sql`select `,
      sql.join(parts, sql`, `),
      sql`, (select count(*) from login_attempts where succeeded) as sign_ins`,
    ],
    sql``,
  );
  const result = await db.execute(query);
  const row = (Array.isArray(result) ? result[0] : (result as { rows: unknown[] }).rows[0]) as Record<
    string,
    unknown
  >;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)]));
}

/** What the emulator holds that costs money or identity: none of it may appear from hostile input. */
export async function stripeFingerprint(): Promise<Record<string, number>> {
  const { counts } = await control<{ counts: Record<string, number> }>("/state");
  return {
    accounts: counts.accounts ?? 0,
    payment_intents: counts.payment_intents ?? 0,
    refunds: counts.refunds ?? 0,
    payouts: counts.payouts ?? 0,
    customers: counts.customers ?? 0,
    payment_methods: counts.payment_methods ?? 0,
    setup_intents: counts.setup_intents ?? 0,
    checkout_sessions: counts.checkout_sessions ?? 0,
    transfers: counts.transfers ?? 0,
  };
}
