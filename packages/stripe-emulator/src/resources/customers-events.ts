/**
 * `/v1/customers` (customers.ts) and `/v1/events` (the platform sees its own events; with Stripe-Account,
 * that account's events, each naming the account as a Connect delivery does; like Stripe, only events of
 * the last 30 days on the clock).
 */
import type Stripe from "stripe";
import { resourceMissing } from "../errors";
import { paginate } from "../list";
import type { ApiContext, Router } from "../router";
import { f, LIST_PARAMS, parseParams } from "../schema";
import { PLATFORM_ACCOUNT } from "../state";
import { registerCustomers } from "./customers";

/** Stripe lists and retrieves events "created in the last 30 days"; older ones are gone from the API. */
const EVENT_RETENTION_SECONDS = 30 * 86_400;

function eventsFor(ctx: ApiContext): Stripe.Event[] {
  const oldest = ctx.em.now() - EVENT_RETENTION_SECONDS;
  return ctx.em.store.events.filter(
    (e) =>
      e.created >= oldest &&
      (ctx.account === PLATFORM_ACCOUNT ? e.account === undefined : e.account === ctx.account),
  );
}

export function registerCustomersAndEvents(router: Router): void {
  registerCustomers(router);
  router
    .add("GET", "/v1/events", (ctx) => {
      const p = parseParams(ctx.params, {
        ...LIST_PARAMS,
        type: f.string(),
        types: f.arr(f.string()),
        delivery_success: f.bool(),
      });
      const matchType = (t: string): boolean =>
        (!p.type || (p.type.endsWith(".*") ? t.startsWith(p.type.slice(0, -1)) : t === p.type)) &&
        (!p.types || p.types.includes(t));
      return {
        body: paginate(
          eventsFor(ctx).filter((e) => matchType(e.type)),
          "/v1/events",
          p,
        ),
      };
    })
    .add("GET", "/v1/events/:id", (ctx) => {
      parseParams(ctx.params, {});
      const event = eventsFor(ctx).find((e) => e.id === ctx.pathParams.id);
      if (!event) throw resourceMissing("event", ctx.pathParams.id as string, "id");
      return { body: event };
    });
}
