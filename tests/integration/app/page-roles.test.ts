import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { User } from "@/db/schema";
import { pageRefusal } from "@/tests/helpers/page-request";
import { createCallers } from "@/tests/helpers/users";

/*
 * Every admin and seller page and layout checks the role once with pageUser(role): the reads behind
 * them (lib/admin, lib/webhooks/admin-events; lib/connect, lib/products) take an `Admin` or a `Seller`
 * and do not check again. Anonymous visitors are sent to sign in, every other role gets the 403 page,
 * before anything is read.
 */
vi.mock("next/headers", async () => (await import("@/tests/helpers/action-request")).nextHeadersMock());

let callers: Awaited<ReturnType<typeof createCallers>>;
beforeAll(async () => {
  vi.stubEnv("__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS", "true"); // next.config's experimental.authInterrupts
  callers = await createCallers();
});

type PageModule = () => Promise<{ default: (props: never) => unknown }>;

const areas: {
  area: string;
  signIn: RegExp;
  others: () => User[];
  pages: [string, PageModule][];
}[] = [
  {
    area: "admin",
    signIn: /^redirect \/sign-in\?callbackUrl=%2Fadmin/,
    others: () => [callers.buyer, callers.sellerA, callers.sellerB],
    pages: [
      ["layout", () => import("@/app/admin/layout")],
      ["overview", () => import("@/app/admin/(overview)/page")],
      ["sellers", () => import("@/app/admin/sellers/page")],
      ["seller", () => import("@/app/admin/sellers/[id]/page")],
      ["seller layout", () => import("@/app/admin/sellers/[id]/layout")],
      ["orders", () => import("@/app/admin/orders/page")],
      ["order detail", () => import("@/app/admin/orders/[id]/page")],
      ["order layout", () => import("@/app/admin/orders/[id]/layout")],
      ["disputes", () => import("@/app/admin/disputes/page")],
      ["dispute detail", () => import("@/app/admin/disputes/[id]/page")],
      ["dispute layout", () => import("@/app/admin/disputes/[id]/layout")],
      ["audit log", () => import("@/app/admin/audit/page")],
      ["event log", () => import("@/app/admin/events/page")],
      ["jobs", () => import("@/app/admin/jobs/page")],
      ["stripe app", () => import("@/app/admin/stripe-app/page")],
    ],
  },
  {
    area: "seller",
    signIn: /^redirect \/sign-in\?callbackUrl=%2Fdashboard/,
    others: () => [callers.buyer, callers.admin],
    pages: [
      ["layout", () => import("@/app/dashboard/layout")],
      ["overview", () => import("@/app/dashboard/(overview)/page")],
      ["to ship", () => import("@/app/dashboard/orders/(list)/page")],
      ["order", () => import("@/app/dashboard/orders/[id]/page")],
      ["order layout", () => import("@/app/dashboard/orders/[id]/layout")],
      ["products", () => import("@/app/dashboard/products/page")],
      ["product", () => import("@/app/dashboard/products/[id]/page")],
      ["product layout", () => import("@/app/dashboard/products/[id]/layout")],
      ["payments", () => import("@/app/dashboard/payments/page")],
      ["payouts", () => import("@/app/dashboard/payouts/page")],
      ["settings", () => import("@/app/dashboard/settings/page")],
      ["onboarding", () => import("@/app/dashboard/onboarding/page")],
      ["onboarding return", () => import("@/app/dashboard/onboarding/return/page")],
    ],
  },
  {
    area: "buyer",
    signIn: /^redirect \/sign-in\?callbackUrl=%2Faccount%2Fpayment-methods/,
    others: () => [callers.sellerA, callers.admin],
    pages: [["payment methods", () => import("@/app/account/payment-methods/page")]],
  },
];

const id = randomUUID();

describe.each(areas)("$area pages refuse everyone but their role", ({ signIn, others, pages }) => {
  it.each(pages)("%s: anonymous to sign-in, every other role 403", async (_name, load) => {
    const page = (await load()).default;
    expect(await pageRefusal(null, page, id)).toMatch(signIn);
    for (const caller of others()) expect(await pageRefusal(caller, page, id)).toBe("403");
  });
});
