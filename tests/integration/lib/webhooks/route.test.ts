import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DELETE, GET, OPTIONS, PATCH, POST, PUT } from "@/app/api/webhooks/stripe/route";
import { db } from "@/db/client";
import { getEventById } from "@/db/queries/stripe-events";
import { stripeEvents } from "@/db/schema";
import { control } from "@/tests/helpers/emulator";
import { createTestSeller } from "@/tests/helpers/checkout";
import { CONNECT_SECRET, emulatorEvent, PLATFORM_SECRET, signedRequest } from "@/tests/helpers/webhooks";
import { MAX_WEBHOOK_BYTES } from "@/lib/webhooks/ingest";
import { drainInbox } from "@/lib/webhooks/inbox";

/* The route: signature checks on the raw body, size limit, methods. Events are real, from the emulator. */

async function realEvent() {
  const { account } = await createTestSeller({ onboarded: false });
  await control(`/accounts/${account.stripeAccountId}/onboard`, {});
  const event = await emulatorEvent(account.stripeAccountId, "account.updated");
  // The emulator signs exactly what Stripe would send: the pretty-printed JSON.
  const signed = await control<{ payload: string; header: string }>(
    `/events/${event.id}/signed?secret=connect`,
  );
  return { event, ...signed };
}

async function stored(id: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(stripeEvents).where(eq(stripeEvents.id, id));
  return row?.n ?? 0;
}

async function expectRefused(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(await res.json()).toEqual({ error: { code, message: expect.any(String) as string } });
}

describe("POST /api/webhooks/stripe: signatures", () => {
  it("accepts an event signed with the Connect endpoint's secret (as the emulator sends it)", async () => {
    const { event, payload, header } = await realEvent();
    const res = await POST(signedRequest(payload, { header }), undefined);
    expect(res.status).toBe(200);
    await drainInbox();
    expect(await getEventById({ id: event.id })).toMatchObject({
      type: "account.updated",
      account: event.account,
      status: "applied",
    });
  });

  it("accepts an event signed with the platform endpoint's secret", async () => {
    const { event, payload } = await realEvent();
    const res = await POST(signedRequest(payload, { secret: PLATFORM_SECRET }), undefined);
    expect(res.status).toBe(200);
    expect(await stored(event.id)).toBe(1);
  });

  it("refuses a request without Stripe-Signature", async () => {
    const { event, payload } = await realEvent();
    await expectRefused(
      await POST(signedRequest(payload, { header: null }), undefined),
      400,
      "bad_request:webhook_signature_missing",
    );
    expect(await stored(event.id)).toBe(0);
  });

  it("refuses a signature made with another secret", async () => {
    const { event, payload } = await realEvent();
    const res = await POST(signedRequest(payload, { secret: "whsec_somebody_else" }), undefined);
    await expectRefused(res, 400, "bad_request:webhook_signature");
    expect(await stored(event.id)).toBe(0);
  });

  it("refuses a body changed after signing (even only its whitespace)", async () => {
    const { event, payload, header } = await realEvent();
    const reformatted = JSON.stringify(JSON.parse(payload));
    await expectRefused(
      await POST(signedRequest(reformatted, { header }), undefined),
      400,
      "bad_request:webhook_signature",
    );
    const tampered = payload.replace('"livemode": false', '"livemode": true');
    await expectRefused(
      await POST(signedRequest(tampered, { header }), undefined),
      400,
      "bad_request:webhook_signature",
    );
    expect(await stored(event.id)).toBe(0);
  });

  it("refuses a correct signature outside the 5 minute tolerance", async () => {
    const { event, payload } = await realEvent();
    const old = Math.floor(Date.now() / 1000) - 301;
    await expectRefused(
      await POST(signedRequest(payload, { secret: CONNECT_SECRET, timestamp: old }), undefined),
      400,
      "bad_request:webhook_timestamp",
    );
    expect(await stored(event.id)).toBe(0);
  });

  it("refuses a signed body that is not a Stripe event", async () => {
    await expectRefused(await POST(signedRequest("not json"), undefined), 400, "bad_request:webhook_payload");
    await expectRefused(
      await POST(signedRequest('{"hello":"world"}'), undefined),
      400,
      "bad_request:webhook_payload",
    );
  });
});

describe("POST /api/webhooks/stripe: size and methods", () => {
  it("refuses a body over 1 MB with 413, with or without Content-Length", async () => {
    const big = `{"pad":"${"x".repeat(MAX_WEBHOOK_BYTES)}"}`;
    await expectRefused(await POST(signedRequest(big), undefined), 413, "payload_too_large:body");
    // Streamed without a declared length: counted while reading.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
        for (let i = 0; i < 17; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const req = new Request("http://localhost:3000/api/webhooks/stripe", {
      method: "POST",
      headers: { "stripe-signature": "t=1,v1=00" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    await expectRefused(await POST(req, undefined), 413, "payload_too_large:body");
  });

  it("answers 405 with Allow: POST to other methods, OPTIONS included", () => {
    for (const handler of [GET, PUT, PATCH, DELETE, OPTIONS]) {
      const res = handler();
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("POST");
    }
  });
});
