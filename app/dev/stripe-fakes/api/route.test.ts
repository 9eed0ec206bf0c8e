import { describe, expect, it, vi } from "vitest";
import { GET, POST } from "./route";

/* The offline test page's API (e2e/stripe-fakes.spec.ts drives it through the page), against the emulator. */

async function post(json: unknown, contentType = "application/json") {
  const res = await POST(
    new Request("http://localhost:3000/dev/stripe-fakes/api", { method: "POST", headers: { "content-type": contentType }, body: JSON.stringify(json) }),
    {},
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

describe("POST /dev/stripe-fakes/api", () => {
  it("keeps the page's contract: { account }, { id, clientSecret }, { clientSecret }", async () => {
    const account = await post({ action: "account", onboarded: true });
    expect(account.status).toBe(200);
    expect(Object.keys(account.body)).toEqual(["account"]);
    const id = account.body.account as string;

    const pi = await post({ action: "payment_intent", account: id, amount: 2500 });
    expect(pi.status).toBe(200);
    expect(Object.keys(pi.body).sort()).toEqual(["clientSecret", "id"]);

    const session = await post({ action: "account_session", account: id, session: "limited" });
    expect(session.status).toBe(200);
    expect(Object.keys(session.body)).toEqual(["clientSecret"]);
  });

  it("refuses bad input with { error: { code, message } }", async () => {
    const unknown = await post({ action: "refund" });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toEqual({ error: { code: "unprocessable:validation", message: expect.any(String) as string } });
    expect((await post({ action: "payment_intent", account: "not-an-account" })).status).toBe(422);
    expect((await post({ action: "payment_intent", account: "acct_1", amount: -5 })).status).toBe(422);
    expect((await post({ action: "account" }, "text/plain")).status).toBe(415);
  });

  it("hides Stripe's message from the client", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = await post({ action: "account_session", account: "acct_doesnotexist000" });
    log.mockRestore();
    expect(res.status).toBe(502);
    expect(res.body.error?.code).toBe("stripe:stripe_fakes");
    expect(res.body.error?.message).not.toMatch(/acct_doesnotexist000|No such/);
  });

  it("answers GET with 405", () => {
    const res = GET();
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });
});
