/**
 * Shared helpers for reading objects: account-scoped lookup, Stripe list pagination
 * (newest first, `limit`, `starting_after`, `ending_before`, `has_more`) and `expand[]`.
 */
import type Stripe from "stripe";
import type { Emulator } from "./emulator";
import { invalidRequest, resourceMissing } from "./errors";
import { clone } from "./events";
import { paymentMethodObject } from "./resources/payment-method-model";
import type { Owned, StoreData } from "./state";

/** Finds an object only if it belongs to `owner` — the whole Stripe-Account rule in one place. */
export function getOwned<T>(table: Record<string, Owned<T>>, id: string, owner: string): T | undefined {
  const rec = table[id];
  return rec && rec.owner === owner ? rec.obj : undefined;
}

export function requireOwned<T>(
  table: Record<string, Owned<T>>,
  id: string,
  owner: string,
  kind: string,
  param = "id",
  status: 400 | 404 = 404,
): T {
  const obj = getOwned(table, id, owner);
  if (obj === undefined) throw resourceMissing(kind, id, param, status);
  return obj;
}

export function ownedBy<T>(table: Record<string, Owned<T>>, owner: string): T[] {
  return Object.values(table)
    .filter((r) => r.owner === owner)
    .map((r) => r.obj);
}

export interface ListParams {
  limit?: number;
  starting_after?: string;
  ending_before?: string;
  created?: { gt?: number; gte?: number; lt?: number; lte?: number };
}

/** `items` in insertion order; the result is newest first, as Stripe lists are. */
export function paginate<T extends { id?: string; created?: number }>(
  items: T[],
  url: string,
  params: ListParams,
): Stripe.ApiList<T> {
  const c = params.created;
  const filtered = items.filter((item) => {
    const t = item.created ?? 0;
    return (
      !c ||
      ((c.gt === undefined || t > c.gt) &&
        (c.gte === undefined || t >= c.gte) &&
        (c.lt === undefined || t < c.lt) &&
        (c.lte === undefined || t <= c.lte))
    );
  });
  // Newest first; for equal timestamps, later insertion first (Stripe orders by creation sequence).
  const ordered = filtered
    .map((item, index) => ({ item, index }))
    .sort((a, b) => (b.item.created ?? 0) - (a.item.created ?? 0) || b.index - a.index)
    .map((x) => x.item);
  const limit = params.limit ?? 10;
  if (params.starting_after !== undefined && params.ending_before !== undefined)
    throw invalidRequest(
      "You may only specify one of these parameters: ending_before, starting_after.",
      "starting_after",
    );
  let window: T[];
  let hasMore: boolean;
  if (params.starting_after !== undefined) {
    const at = ordered.findIndex((i) => i.id === params.starting_after);
    if (at < 0) throw resourceMissing("object", params.starting_after, "starting_after", 400);
    const rest = ordered.slice(at + 1);
    window = rest.slice(0, limit);
    hasMore = rest.length > limit;
  } else if (params.ending_before !== undefined) {
    const at = ordered.findIndex((i) => i.id === params.ending_before);
    if (at < 0) throw resourceMissing("object", params.ending_before, "ending_before", 400);
    const before = ordered.slice(0, at);
    window = before.slice(Math.max(0, before.length - limit));
    hasMore = before.length > limit;
  } else {
    window = ordered.slice(0, limit);
    hasMore = ordered.length > limit;
  }
  return { object: "list", data: window, has_more: hasMore, url };
}

/** Which table an id belongs to, by Stripe's prefixes. */
function findById(store: StoreData, id: string): unknown {
  const tables: Array<[string, Record<string, Owned<unknown>>]> = [
    ["ch_", store.charges],
    ["py_", store.charges],
    ["pi_", store.paymentIntents],
    ["seti_", store.setupIntents],
    ["txn_", store.balanceTransactions],
    ["fee_", store.applicationFees],
    ["cus_", store.customers],
    ["re_", store.refunds],
    ["pyr_", store.refunds],
    ["tr_", store.transfers],
    ["trr_", store.transferReversals],
    ["po_", store.payouts],
    ["du_", store.disputes],
    ["file_", store.files],
  ];
  if (id.startsWith("acct_")) return store.accounts[id];
  if (id.startsWith("pm_")) {
    const card = store.cards[id];
    return card && paymentMethodObject(card);
  }
  for (const [prefix, table] of tables) if (id.startsWith(prefix)) return table[id]?.obj;
  return undefined;
}

function expandPath(store: StoreData, target: unknown, path: string[]): unknown {
  if (typeof target !== "object" || target === null || path.length === 0) return target;
  const [head, ...rest] = path as [string, ...string[]];
  const record = target as Record<string, unknown>;
  if (head === "data" && Array.isArray(record.data)) {
    record.data = record.data.map((item: unknown) => expandPath(store, item, rest));
    return record;
  }
  const value = record[head];
  if (value === undefined) throw invalidRequest(`This property cannot be expanded (${head}).`, "expand");
  let resolved = value;
  if (typeof value === "string") resolved = clone(findById(store, value) ?? value);
  record[head] = rest.length > 0 ? expandPath(store, resolved, rest) : resolved;
  return record;
}

/** Returns a copy of `obj` with every `expand[]` path replaced by the object it names. */
export function expand<T>(em: Emulator, obj: T, paths: string[] | undefined): T {
  if (!paths || paths.length === 0) return obj;
  const copy = clone(obj);
  for (const path of paths) expandPath(em.store, copy, path.split("."));
  return copy;
}
