import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getEventById } from "@/db/queries/stripe-events";
import type { User } from "@/db/schema";
import { createRefund } from "@/lib/refunds/create-refund";
import {
  createTestProduct,
  createTestSeller,
  deactivateProduct,
  guestInput,
  shopWithProduct,
} from "@/tests/helpers/checkout";
import { createAuthorizedOrder } from "@/tests/helpers/capture";
import { listSavedCards } from "@/lib/wallet/cards";
import { knownPlatformCustomer } from "@/lib/wallet/customers";
import { testStripe } from "@/tests/helpers/emulator";
import { createPaidOrder } from "@/tests/helpers/orders";
import { sessionCookie } from "@/tests/helpers/session";
import { createTestUser } from "@/tests/helpers/users";
import { saveTestCard } from "@/tests/helpers/wallet";
import { failedDelivery } from "@/tests/helpers/webhooks";
import { ACTIONS } from "./support/hostile-actions";
import { ROUTES, SELLER, type RouteTarget } from "./support/hostile-routes";
import {
  buildRequest,
  dbFingerprint,
  hostileRecord,
  hostileRequest,
  stripeFingerprint,
  toFormData,
} from "./support/hostile";

/*
 * Generated hostile bodies against every server action and route handler: the app answers with a 4xx
 * or a form error — never a 5xx or an internal error — and writes nothing, in the database or at Stripe.
 *
 * Server actions run outside Next's request scope here, so `next/headers` hands them the session cookie
 * of the caller under test (the real next-auth code decodes it), and `revalidatePath` is a no-op.
 */
const request = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => {
  const jar = () => {
    const all = request.cookie
      ? [
          {
            name: request.cookie.split("=")[0]!,
            value: request.cookie.slice(request.cookie.indexOf("=") + 1),
          },
        ]
      : [];
    return {
      get: (n: string) => all.find((c) => c.name === n),
      getAll: () => all,
      has: (n: string) => all.some((c) => c.name === n),
      set: () => undefined,
      delete: () => undefined,
    };
  };
  return {
    // next-auth assumes https unless told otherwise and then reads only the __Secure- cookie: say http,
    // as a local server would, or every caller would silently be anonymous.
    headers: () =>
      Promise.resolve(
        new Headers({
          host: "localhost:3000",
          "x-forwarded-proto": "http",
          ...(request.cookie ? { cookie: request.cookie } : {}),
        }),
      ),
    cookies: () => Promise.resolve(jar()),
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const INTERNAL = "Something went wrong on our side. Please try again.";
const RUNS = Number(process.env.HOSTILE_RUNS ?? 100);

let callers: (User | null)[];
let pools: Record<string, string[]>;
let wallet: { otherBuyer: User; othersCard: string };
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  // Refusals are logged by the app and by next-auth (every bad sign-in): keep the report readable.
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  const buyer = await createTestUser("buyer");
  const admin = await createTestUser("admin");
  const { seller } = await createTestSeller();
  callers = [null, buyer, seller, admin];

  // Real ids the generators mix in, each one a thing no request may act on: a product whose seller
  // cannot charge, an inactive product, an unpaid order and an order already refunded in full.
  const cannotCharge = await shopWithProduct({ onboarded: false });
  const inactive = await createTestProduct(seller.id);
  await deactivateProduct(inactive.id);
  const paid = await createPaidOrder({ amount: 2_000, fee: 100 });
  await createRefund(admin, {
    orderId: paid.order.id,
    amount: 2_000,
    reason: "duplicate",
    refundApplicationFee: false,
  });
  // Another seller's "charge when I ship" order, authorised and waiting: only its seller may ship it.
  const authorized = await createAuthorizedOrder({ quantity: 2 });
  // Saved cards: another buyer's card and finished SetupIntent; the caller buyer's own card (never in a
  // pool: using it is legitimate), a card they removed and a SetupIntent of theirs that never completed.
  const otherBuyer = await createTestUser("buyer");
  const othersCard = await saveTestCard(otherBuyer);
  await saveTestCard(buyer);
  const removed = await saveTestCard(buyer, "pm_card_mastercard");
  await testStripe().paymentMethods.detach(removed.id);
  const othersSetup = await testStripe().setupIntents.list({
    customer: (await knownPlatformCustomer(otherBuyer)) ?? undefined,
  });
  const unfinished = await testStripe().setupIntents.create({
    customer: (await knownPlatformCustomer(buyer)) ?? undefined,
    usage: "on_session",
  });
  wallet = { otherBuyer, othersCard: othersCard.id };
  const emails = [buyer.email, admin.email, seller.email];
  pools = {
    productId: [cannotCharge.product.id, inactive.id],
    activeProductId: [cannotCharge.product.id],
    orderId: [paid.order.id, authorized.order.id],
    authorizedOrderId: [authorized.order.id],
    email: [...emails, ...emails.map((e) => e.toUpperCase()), ...emails.map((e) => ` ${e} `)],
    role: ["buyer", "seller", "admin"],
    reason: ["requested_by_customer", "duplicate", "fraudulent", "out_of_stock", "buyer_request"],
    country: ["US", "FR", "XX"],
    quantity: ["1", "2", "99"],
    checkoutKey: [guestInput(cannotCharge.product).checkoutKey],
    // Seller forms: values close to valid ones, so the generators reach past the schema.
    sellerProductId: [inactive.id],
    name: ["A fine product", " "],
    description: ["", "Made by hand."],
    price: ["12.50", "0.50", "0.49", "999999.99", "1000000.00", "12,50", "-5"],
    currency: ["usd", "eur", "jpy", "USD"],
    active: ["true", "false", "on"],
    confirm: ["yes", "no", "on"],
    paymentMethodId: [othersCard.id, removed.id, "pm_card_visa"],
    savedCard: [othersCard.id, removed.id],
    setupIntentId: [...othersSetup.data.map((i) => i.id), unfinished.id],
  };
});

afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
});

async function as<T>(caller: User | null, run: () => Promise<T>): Promise<T> {
  request.cookie = caller ? await sessionCookie(caller) : "";
  try {
    return await run();
  } finally {
    request.cookie = "";
  }
}

describe("hostile input: server actions", () => {
  it.each(ACTIONS.map((a) => [a.name, a] as const))(
    "%s: a form error, never an internal one, and nothing written",
    async (_name, target) => {
      const stripeBefore = await stripeFingerprint();
      await fc.assert(
        fc.asyncProperty(
          hostileRecord(target.fields, pools),
          fc.nat({ max: callers.length - 1 }),
          fc.boolean(),
          async (raw, who, asForm) => {
            fc.pre(target.hostile?.(raw, { caller: who, pools }) ?? true);
            const before = await dbFingerprint();
            const state = await as(callers[who] ?? null, () => target.call(raw, asForm));
            expect(state.ok, JSON.stringify(state)).not.toBe(true);
            expect(state.message).toBeTruthy();
            expect(state.message).not.toBe(INTERNAL);
            expect(await dbFingerprint()).toEqual(before);
          },
        ),
        { numRuns: RUNS },
      );
      expect(await stripeFingerprint()).toEqual(stripeBefore);
      expect(unhandled).toEqual([]);
    },
  );

  it("left another buyer's saved card saved, and their default", async () => {
    expect(await listSavedCards(wallet.otherBuyer)).toEqual([
      expect.objectContaining({ id: wallet.othersCard, isDefault: true }),
    ]);
  });
});

describe("hostile input: route handlers", () => {
  it.each(ROUTES.map((r) => [r.name, r] as const))(
    "%s: a 4xx (JSON error for our routes), never a 5xx, and nothing written",
    async (_name, target: RouteTarget) => {
      const stripeBefore = await stripeFingerprint();
      const mod = (await target.load()) as Record<string, unknown>;
      const exported = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"].filter(
        (m) => typeof mod[m] === "function",
      );
      const arb = hostileRequest(target.paths, {
        callers: callers.length,
        headers: target.headers,
        body: target.body,
      }).filter((r) => exported.includes(r.method));
      await fc.assert(
        fc.asyncProperty(arb, async (r) => {
          const before = await dbFingerprint();
          const handler = mod[r.method] as (req: Request, ctx: unknown) => Promise<Response>;
          const req = await buildRequest(r, callers[r.caller] ?? null);
          const res = await handler(req, { params: Promise.resolve(target.params?.(r.path) ?? {}) });
          expect(res.status, `${r.method} ${r.path} → ${res.status}`).toBeLessThan(500);
          if (target.jsonErrors && res.status >= 400 && r.method !== "HEAD") {
            const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
            expect(typeof body.error?.code).toBe("string");
            expect(typeof body.error?.message).toBe("string");
          }
          target.verify?.(r, res);
          if (!target.mayAccept?.(r, res))
            expect(res.status, `${r.method} ${r.path} accepted`).toBeGreaterThanOrEqual(300);
          expect(await dbFingerprint()).toEqual(before);
        }),
        { numRuns: target.runs ?? RUNS },
      );
      expect(await stripeFingerprint()).toEqual(stripeBefore);
      expect(unhandled).toEqual([]);
    },
  );
});

describe("admin actions: valid input from anyone but an admin", () => {
  it("refundOrderAction and reapplyEventAction refuse anonymous, buyer and sellers, and write nothing", async () => {
    const { refundOrderAction } = await import("@/app/admin/orders/[id]/actions");
    const { reapplyEventAction } = await import("@/app/admin/events/actions");
    // A refundable order, and an event that failed to apply (the database refused its write once).
    const refundable = await createPaidOrder({ amount: 3_000, fee: 150 });
    const { event: failed } = await failedDelivery(2_500, 125);
    const refund = toFormData({
      orderId: refundable.order.id,
      amount: "10.00",
      reason: "requested_by_customer",
      refundApplicationFee: "on",
    });
    const reapply = toFormData({ eventId: failed.id });
    const admin = callers[3] ?? null;

    const stripeBefore = await stripeFingerprint();
    const before = await dbFingerprint();
    for (const caller of [null, callers[1] ?? null, callers[SELLER] ?? null, refundable.seller]) {
      for (const run of [
        () => refundOrderAction(undefined, refund),
        () => reapplyEventAction(undefined, reapply),
      ]) {
        const state = await as(caller, run);
        expect(state, `${caller?.role ?? "anonymous"} ${caller?.email ?? ""}`).toMatchObject({
          ok: false,
          message: caller ? "Your account is not allowed to do this." : "Please sign in first.",
        });
      }
    }
    expect(await dbFingerprint()).toEqual(before);
    expect(await stripeFingerprint()).toEqual(stripeBefore);
    expect(await getEventById({ id: failed.id })).toMatchObject({ status: "failed" });

    // The very same forms from an admin go through: only the caller was wrong.
    expect(await as(admin, () => refundOrderAction(undefined, refund))).toMatchObject({ ok: true });
    expect(await as(admin, () => reapplyEventAction(undefined, reapply))).toMatchObject({ ok: true });
    expect(await getEventById({ id: failed.id })).toMatchObject({ status: "applied" });
  });
});
