/**
 * `GET /v1/events` as an event reconciliation reads it: per account (Stripe-Account), from a `created`
 * bound, every page, and only as far back as Stripe keeps events (30 days).
 */
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { emulatorForFile, expressAccount, rejects } from "./helpers";

const t = emulatorForFile();

const customers = async (n: number, on?: { stripeAccount: string }) => {
  for (let i = 0; i < n; i++) await t.stripe.customers.create({ email: `c${i}@example.com` }, on);
};

describe("GET /v1/events", () => {
  it("lists the platform's events without `account`, and a connected account's naming it", async () => {
    const seller = await expressAccount(t);
    const on = { stripeAccount: seller.id };
    await customers(1);
    await customers(1, on);
    const platform = await t.stripe.events.list({ limit: 100 });
    const connect = await t.stripe.events.list({ limit: 100 }, on);
    expect(platform.data.length).toBeGreaterThan(0);
    expect(platform.data.every((e) => e.account === undefined)).toBe(true);
    expect(connect.data.map((e) => e.type)).toContain("customer.created");
    expect(connect.data.every((e) => e.account === seller.id)).toBe(true);
    expect(new Set([...platform.data, ...connect.data].map((e) => e.id)).size).toBe(
      platform.data.length + connect.data.length,
    );
  });

  it("filters on created[gte] / [gt] / [lt] and pages through every event, newest first, none twice", async () => {
    const seller = await expressAccount(t);
    const on = { stripeAccount: seller.id };
    // A clock step so that everything from here on is created later than the account's own events.
    const { now: from } = await t.control<{ now: number }>("/_emulator/clock/advance", { seconds: 100 });
    await customers(130, on);
    const seen: Stripe.Event[] = [];
    for await (const e of t.stripe.events.list({ created: { gte: from }, limit: 100 }, on)) seen.push(e);
    expect(seen.filter((e) => e.type === "customer.created")).toHaveLength(130);
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    expect(seen.every((e) => e.created >= from)).toBe(true);
    const created = seen.map((e) => e.created);
    expect(created).toEqual([...created].sort((a, b) => b - a));
    // Before the advance: the account's creation and onboarding events, none of the customers'.
    const before = await t.stripe.events.list({ created: { lt: from }, limit: 100 }, on);
    expect(before.data.length).toBeGreaterThan(0);
    expect(before.data.some((e) => e.type === "customer.created")).toBe(false);
    const after = await t.stripe.events.list({ created: { gt: from + 10_000 } }, on);
    expect(after.data).toEqual([]);
  });

  it("keeps events for 30 days of the clock: older ones are neither listed nor retrievable", async () => {
    const seller = await expressAccount(t);
    const on = { stripeAccount: seller.id };
    await customers(1, on);
    const [old] = (await t.stripe.events.list({ type: "customer.created" }, on)).data;
    expect(old).toBeDefined();
    await t.control("/_emulator/clock/advance", { seconds: 29 * 86_400 });
    expect((await t.stripe.events.retrieve(old!.id, {}, on)).id).toBe(old!.id);
    await t.control("/_emulator/clock/advance", { seconds: 2 * 86_400 });
    const listed = await t.stripe.events.list({ limit: 100 }, on);
    expect(listed.data.map((e) => e.id)).not.toContain(old!.id);
    expect((await rejects(t.stripe.events.retrieve(old!.id, {}, on))).statusCode).toBe(404);
    await customers(1, on);
    expect((await t.stripe.events.list({ type: "customer.created" }, on)).data).toHaveLength(1);
  });
});
