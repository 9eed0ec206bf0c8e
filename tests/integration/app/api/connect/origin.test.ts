import { beforeAll, describe, expect, it } from "vitest";
import { call, emulatorAccountsFor, rowFor } from "@/tests/helpers/connect";
import { createTestUser } from "@/tests/helpers/users";
import { POST as createAccount } from "@/app/api/connect/accounts/route";
import { POST as createAccountSession } from "@/app/api/connect/account-session/route";
import { POST as createLoginLink } from "@/app/api/connect/login-link/route";

/*
 * Cross-site request forgery: with the seller's session cookie present, a request sent by another
 * site's page (its Origin, or a browser's Sec-Fetch-Site: cross-site without Origin) is refused with
 * 403 before anything is created; the site's own pages (its Origin) go through.
 */

const routes = [
  ["/api/connect/accounts", createAccount],
  ["/api/connect/account-session", createAccountSession],
  ["/api/connect/login-link", createLoginLink],
] as const;

const foreign: Record<string, string>[] = [
  { origin: "https://evil.example" },
  { origin: "http://localhost:3000.evil.example" },
  { origin: "null" },
  { "sec-fetch-site": "cross-site" },
  { "sec-fetch-site": "same-site" },
];

let seller: Awaited<ReturnType<typeof createTestUser>>;
beforeAll(async () => {
  seller = await createTestUser("seller");
});

describe("mutating Connect routes refuse other sites", () => {
  it.each(routes)(
    "%s: 403 forbidden:origin for a foreign or browser-hidden origin, and nothing is created",
    async (url, handler) => {
      for (const headers of foreign) {
        const res = await call(handler, seller, url, { method: "POST", headers });
        expect(res.status, JSON.stringify(headers)).toBe(403);
        expect(res.body.error?.code).toBe("forbidden:origin");
      }
      expect(await rowFor(seller)).toBeUndefined();
      expect(await emulatorAccountsFor(seller.id)).toHaveLength(0);
    },
  );

  it("lets the site's own pages through (same Origin), and non-browser clients without one", async () => {
    const own = await call(createAccount, seller, "/api/connect/accounts", {
      method: "POST",
      headers: { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" },
    });
    expect(own.status).toBe(201);
    const again = await call(createAccount, seller, "/api/connect/accounts", { method: "POST" });
    expect(again.status).toBe(200);
    expect(await emulatorAccountsFor(seller.id)).toHaveLength(1);
  });
});
