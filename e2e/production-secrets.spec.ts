import { EMULATOR_DEFAULTS, signatureHeader } from "@marketplace/stripe-emulator";
import { expect, test } from "@playwright/test";
import { emulator } from "./support/emulator";

/*
 * The production build never trusts the public offline secrets, even against the emulator
 * (STRIPE_EMULATOR=1): an event signed with `whsec_emulator_*` (they are in this repository) is refused,
 * while the same bytes signed by the emulator with this deployment's own secret are accepted.
 */

test("a production build refuses webhooks signed with the public offline secrets", async ({ request }) => {
  const [event] = await emulator.events({ type: "account.updated" });
  expect(event, "the seed onboarded sellers, so account.updated events exist").toBeDefined();
  const { payload, header } = await emulator.signedEvent(event!.id);

  // The emulator signs with the deployment's own secret: accepted (a redelivery, so a no-op).
  const genuine = await request.post("/api/webhooks/stripe", {
    data: payload,
    headers: { "content-type": "application/json", "stripe-signature": header },
  });
  expect(genuine.status()).toBe(200);

  for (const publicSecret of [
    EMULATOR_DEFAULTS.platformWebhookSecret,
    EMULATOR_DEFAULTS.connectWebhookSecret,
  ]) {
    const forged = await request.post("/api/webhooks/stripe", {
      data: payload,
      headers: {
        "content-type": "application/json",
        "stripe-signature": signatureHeader(payload, publicSecret),
      },
    });
    expect(forged.status(), `signed with ${publicSecret}`).toBe(400);
  }
});

test("the emulator's control API wants its key and grants no CORS", async ({ request }) => {
  const anonymous = await request.get(`${emulator.url}/_emulator/state`, {
    headers: { Origin: "https://evil.example" },
  });
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["access-control-allow-origin"]).toBeUndefined();
  expect((await emulator.state()).counts.accounts).toBeGreaterThan(0);
});
