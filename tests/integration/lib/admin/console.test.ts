import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { disputes, stripeEvents } from "@/db/schema";
import type { Admin } from "@/lib/guards";
import { createRefund } from "@/lib/refunds/create-refund";
import { createTestProduct, createTestSeller, disconnectAccount } from "@/tests/helpers/checkout";
import { testStripe } from "@/tests/helpers/emulator";
import { createPaidOrder, insertOrdersFor, setOrderState, type PaidOrder } from "@/tests/helpers/orders";
import { createCallers } from "@/tests/helpers/users";
import { recordAudit } from "@/lib/admin/audit";
import {
  ADMIN_PAGE_SIZE,
  getOrderForAdmin,
  getSellerForAdmin,
  listAuditForAdmin,
  listSellersForAdmin,
  normalizeOrderSearch,
  orderSearchQuery,
  searchOrdersForAdmin,
} from "@/lib/admin/console";
import { getOverview } from "@/lib/admin/overview";

/*
 * The admin console's reads: what each page shows. They take an `Admin`; everyone else is refused by
 * the pages' pageUser("admin") (tests/integration/app/admin/pages.test.ts).
 */

let callers: Awaited<ReturnType<typeof createCallers>>;
let paid: PaidOrder;
let other: PaidOrder;

beforeAll(async () => {
  callers = await createCallers();
  paid = await createPaidOrder({
    amount: 8_000,
    fee: 500,
    buyerEmail: `needle-${randomUUID().slice(0, 6)}@test.example`,
  });
  other = await createPaidOrder({ amount: 1_200, fee: 90 });
  await setOrderState(other.order.id, { status: "failed", failureMessage: "Your card was declined." });
});

const reads: [string, (admin: Admin) => Promise<unknown>][] = [
  ["overview", (a) => getOverview(a)],
  ["sellers", (a) => listSellersForAdmin(a, 1)],
  ["orders", (a) => searchOrdersForAdmin(a, { page: 1 })],
  ["order detail", (a) => getOrderForAdmin(a, paid.order.id)],
  ["audit log", (a) => listAuditForAdmin(a, 1)],
];

describe("admin reads", () => {
  it.each(reads)("%s: answers an admin", async (_name, read) => {
    await expect(read(callers.admin)).resolves.toBeTruthy();
  });
});

describe("orders search", () => {
  it("finds an order by id, PaymentIntent, charge, buyer email and seller", async () => {
    const ids = async (q: string) =>
      (await searchOrdersForAdmin(callers.admin, { q, page: 1 })).items.map((i) => i.order.id);
    expect(await ids(paid.order.id)).toEqual([paid.order.id]);
    expect(await ids(paid.intent.id)).toEqual([paid.order.id]);
    expect(await ids(paid.charge.id)).toEqual([paid.order.id]);
    expect(await ids(paid.order.buyerEmail.slice(0, 13).toUpperCase())).toEqual([paid.order.id]);
    expect(await ids(paid.seller.email)).toEqual([paid.order.id]);
    expect(await ids(paid.seller.businessName ?? "")).toEqual([paid.order.id]);
    // LIKE wildcards are literal.
    expect(await ids("%")).toEqual([]);
  });

  it("filters by seller and by state", async () => {
    const bySeller = await searchOrdersForAdmin(callers.admin, { seller: other.seller.id, page: 1 });
    expect(bySeller.items.map((i) => i.order.id)).toEqual([other.order.id]);
    const failed = await searchOrdersForAdmin(callers.admin, {
      seller: other.seller.id,
      state: "failed",
      page: 1,
    });
    expect(failed.total).toBe(1);
    const succeeded = await searchOrdersForAdmin(callers.admin, {
      seller: other.seller.id,
      state: "succeeded",
      page: 1,
    });
    expect(succeeded.total).toBe(0);
  });

  it("ignores unknown states and malformed seller ids from the URL", () => {
    expect(normalizeOrderSearch({ state: "bogus", seller: "1 or 1=1", q: "  ", page: 1 })).toEqual({
      q: undefined,
      sellerId: undefined,
      state: undefined,
    });
    expect(normalizeOrderSearch({ state: "partially_refunded", page: 1 }).state).toBe("partially_refunded");
  });

  it("paginates: page 2 holds the next orders, none of page 1's, with the filters kept", async () => {
    const shop = await createTestSeller();
    const product = await createTestProduct(shop.seller.id, { price: 1_500 });
    const failed = await insertOrdersFor({ ...shop, product }, ADMIN_PAGE_SIZE + 3, { status: "failed" });
    // Same seller, other states: the state filter must keep them off both pages.
    await insertOrdersFor({ ...shop, product }, 4, { status: "succeeded" });
    const search = { q: shop.seller.email, seller: shop.seller.id, state: "failed" };

    const page1 = await searchOrdersForAdmin(callers.admin, { ...search, page: 1 });
    const page2 = await searchOrdersForAdmin(callers.admin, { ...search, page: 2 });
    expect([page1.total, page1.pageCount, page2.total, page2.pageCount]).toEqual([
      failed.length,
      2,
      failed.length,
      2,
    ]);
    const ids1 = page1.items.map((i) => i.order.id);
    const ids2 = page2.items.map((i) => i.order.id);
    expect(ids1).toHaveLength(ADMIN_PAGE_SIZE);
    expect(ids2).toHaveLength(3);
    expect(ids2.filter((id) => ids1.includes(id))).toEqual([]);
    expect([...ids1, ...ids2].sort()).toEqual(failed.map((o) => o.id).sort());
    for (const { order } of [...page1.items, ...page2.items])
      expect(order).toMatchObject({ sellerId: shop.seller.id, status: "failed" });
    // Newest first across the page boundary.
    const created = [...page1.items, ...page2.items].map((i) => i.order.createdAt.getTime());
    expect(created).toEqual([...created].sort((a, b) => b - a));

    // Page 2 was asked for with the same filters, and its links carry them on.
    expect(page2.filter).toEqual({ q: shop.seller.email, sellerId: shop.seller.id, state: "failed" });
    expect(orderSearchQuery(page2.filter)).toEqual(search);
    expect((await searchOrdersForAdmin(callers.admin, { ...search, page: 3 })).items).toEqual([]);
  });
});

describe("order detail", () => {
  it("shows refunds with their admin, events, disputes, audit and what is left to refund", async () => {
    const order = await createPaidOrder({ amount: 6_000, fee: 300 });
    await createRefund(callers.admin, {
      orderId: order.order.id,
      amount: 2_500,
      reason: "duplicate",
      refundApplicationFee: true,
    });
    await db.insert(stripeEvents).values({
      id: `evt_${randomUUID().replaceAll("-", "")}`,
      type: "charge.refunded",
      account: order.account.stripeAccountId,
      livemode: false,
      stripeCreated: Math.floor(Date.now() / 1000),
      payload: {},
      status: "applied",
      orderId: order.order.id,
    });
    await db.insert(disputes).values({
      stripeDisputeId: `dp_${randomUUID().replaceAll("-", "")}`,
      orderId: order.order.id,
      chargeId: order.charge.id,
      amount: 6_000,
      currency: "usd",
      reason: "fraudulent",
      status: "needs_response",
    });

    const detail = await getOrderForAdmin(callers.admin, order.order.id);
    expect(detail?.refundable).toBe(3_500);
    expect(detail?.refunds.map((r) => [r.refund.amount, r.createdByEmail])).toEqual([
      [2_500, callers.admin.email],
    ]);
    expect(detail?.events.map((e) => e.type)).toEqual(["charge.refunded"]);
    expect(detail?.disputes.map((d) => d.reason)).toEqual(["fraudulent"]);
    expect(detail?.audit.map((a) => a.action)).toEqual(["refund.create"]);
    expect(detail?.account?.stripeAccountId).toBe(order.account.stripeAccountId);
  });

  it("is null for unknown or malformed ids, and nothing is refundable on an unpaid order", async () => {
    expect(await getOrderForAdmin(callers.admin, randomUUID())).toBeNull();
    expect(await getOrderForAdmin(callers.admin, "../etc")).toBeNull();
    expect((await getOrderForAdmin(callers.admin, other.order.id))?.refundable).toBe(0);
  });
});

/** These sellers' rows, in this order, from whichever pages of the list they are on (the database is shared). */
async function sellersOnList(ids: string[]) {
  const found = new Map<string, Awaited<ReturnType<typeof listSellersForAdmin>>["items"][number]>();
  for (let page = 1; ; page++) {
    const list = await listSellersForAdmin(callers.admin, page);
    for (const item of list.items) if (ids.includes(item.id)) found.set(item.id, item);
    if (found.size === ids.length || page >= list.pageCount) break;
  }
  return ids.map((id) => found.get(id));
}

describe("sellers, overview and audit log", () => {
  it("lists sellers with account status and paid volume", async () => {
    const [found] = await sellersOnList([paid.seller.id]);
    expect(found?.account).toMatchObject({
      stripeAccountId: paid.account.stripeAccountId,
      chargesEnabled: true,
      payoutsEnabled: true,
    });
    expect(found).toMatchObject({ requirementsDue: [], disconnected: false });
    expect(found?.volume).toEqual([{ currency: "usd", gross: 8_000, refunded: 0, orders: 1 }]);
  });

  it("shows one seller's page: account, volume and products; null for anyone who is not a seller", async () => {
    const seller = await getSellerForAdmin(callers.admin, paid.seller.id);
    expect(seller).toMatchObject({
      id: paid.seller.id,
      email: paid.seller.email,
      account: { stripeAccountId: paid.account.stripeAccountId },
      volume: [{ currency: "usd", gross: 8_000, refunded: 0, orders: 1 }],
    });
    expect(seller?.products.map((p) => p.id)).toContain(paid.product.id);
    expect(await getSellerForAdmin(callers.admin, callers.buyer.id)).toBeNull();
    expect(await getSellerForAdmin(callers.admin, randomUUID())).toBeNull();
    expect(await getSellerForAdmin(callers.admin, "not-a-uuid")).toBeNull();
  });

  it("reports what Stripe still requires from a seller, and a disconnected seller", async () => {
    const onboarding = await createTestSeller({ onboarded: false });
    const gone = await createTestSeller();
    await disconnectAccount(gone.account.stripeAccountId);
    const requirements = (await testStripe().accounts.retrieve(onboarding.account.stripeAccountId))
      .requirements;
    const pastDue = requirements?.past_due ?? [];
    const due = [
      ...pastDue.map((field) => ({ field, pastDue: true })),
      ...(requirements?.currently_due ?? [])
        .filter((f) => !pastDue.includes(f))
        .map((field) => ({ field, pastDue: false })),
    ];
    expect(due.length).toBeGreaterThan(0);

    const [pending, disconnected] = await sellersOnList([onboarding.seller.id, gone.seller.id]);
    expect(pending).toMatchObject({
      disconnected: false,
      account: { chargesEnabled: false, payoutsEnabled: false },
    });
    expect(pending?.requirementsDue).toEqual(due);
    expect(disconnected).toMatchObject({ disconnected: true, requirementsDue: [] });
    expect(disconnected?.account?.disconnectedAt).toBeInstanceOf(Date);
  });

  it("sums today's money per currency and per seller", async () => {
    const overview = await getOverview(callers.admin);
    expect(overview.days).toHaveLength(30);
    const usd = overview.currencies.find((c) => c.currency === "usd");
    const today = usd?.gross.at(-1);
    expect(today?.day).toBe(new Date().toISOString().slice(0, 10));
    // Other files may share the database: at least our own paid orders are in today's numbers.
    expect(today?.value).toBeGreaterThanOrEqual(8_000 + 6_000);
    expect(usd?.refunds.at(-1)?.value).toBeGreaterThanOrEqual(2_500);
    expect(usd?.disputeCount.at(-1)?.value).toBeGreaterThanOrEqual(1);
    const seller = overview.sellers.find((s) => s.sellerId === paid.seller.id);
    expect(seller).toMatchObject({ orders: 1, gross: 8_000, fees: 500, currency: "usd" });
    // A failed order is not volume.
    expect(overview.sellers.find((s) => s.sellerId === other.seller.id)).toBeUndefined();
  });

  it("lists audit entries newest first with who, what and result", async () => {
    const target = randomUUID();
    await recordAudit(callers.admin, {
      action: "test.first",
      targetType: "test",
      targetId: target,
      result: "ok",
    });
    await recordAudit(callers.admin, {
      action: "test.second",
      targetType: "test",
      targetId: target,
      result: "error",
      details: { why: "x" },
    });
    const { items } = await listAuditForAdmin(callers.admin, 1);
    const ours = items.filter((a) => a.targetId === target);
    expect(ours.map((a) => [a.action, a.result, a.actorEmail])).toEqual([
      ["test.second", "error", callers.admin.email],
      ["test.first", "ok", callers.admin.email],
    ]);
  });
});
