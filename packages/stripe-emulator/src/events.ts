/**
 * Event creation. Every state change in the emulator goes through `em.emit(type, object, {account, previous})`
 * which records a Stripe.Event (a frozen copy of the object, like Stripe's payload) and hands it to the
 * webhook dispatcher. Events of connected accounts carry `account`, so the dispatcher sends them to
 * Connect endpoints signed with the Connect secret, as Stripe does.
 */
import type Stripe from "stripe";
import type { Emulator } from "./emulator";
import { canonical } from "./form";
import { API_VERSION, newId, PLATFORM_ACCOUNT } from "./state";

export interface EmitOptions {
  /** The account that owns the object; the platform (or undefined) means a platform event. */
  account?: string;
  /** `data.previous_attributes`: the changed fields' old values (see `previousAttributes`). */
  previous?: Record<string, unknown> | null;
}

/** Deep copy through JSON: the event must not change when the live object changes later. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Stripe's `previous_attributes`: for each changed key the old value; nested objects only list their
 * changed keys (e.g. `{ requirements: { currently_due: [...] } }`), arrays and scalars are given whole.
 */
export function previousAttributes(before: unknown, after: unknown): Record<string, unknown> | null {
  if (!isPlainObject(before) || !isPlainObject(after)) return null;
  const out: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    const b = before[key];
    const a = after[key];
    // Key order is not a change: `{year, month, day}` written back over `{day, month, year}` is the same date.
    if (canonical(b) === canonical(a)) continue;
    if (isPlainObject(b) && isPlainObject(a)) out[key] = previousAttributes(b, a) ?? b;
    else out[key] = b === undefined ? null : clone(b);
  }
  return Object.keys(out).length > 0 ? out : null;
}

export function createEvent(
  em: Emulator,
  type: Stripe.Event.Type,
  object: unknown,
  opts: EmitOptions,
): Stripe.Event {
  const connected = opts.account !== undefined && opts.account !== PLATFORM_ACCOUNT;
  const data: Stripe.Event.Data = {
    object: clone(object) as Stripe.Event.Data.Object,
    ...(opts.previous ? { previous_attributes: clone(opts.previous) } : {}),
  };
  const base: Stripe.EventBase = {
    id: newId("evt"),
    object: "event",
    ...(connected ? { account: opts.account } : {}),
    api_version: API_VERSION,
    created: em.now(),
    data,
    livemode: false,
    pending_webhooks: 0,
    request: em.currentRequest ? { ...em.currentRequest } : { id: null, idempotency_key: null },
    type,
  };
  // Stripe.Event is a union discriminated by `type` whose members only narrow `data.object`; the emitter
  // passes the object that goes with the type, which the compiler cannot check through a string.
  const event = base as Stripe.Event;
  em.store.events.push(event);
  event.pending_webhooks = em.webhooks.enqueue(event);
  return event;
}
