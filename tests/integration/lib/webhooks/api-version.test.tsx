import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ApiVersionBadge, ApiVersionWarning } from "@/components/admin/events-api-version";
import { getEventById } from "@/db/queries/stripe-events";
import type { Admin } from "@/lib/guards";
import { createTestSeller } from "@/tests/helpers/checkout";
import { control, emulator } from "@/tests/helpers/emulator";
import { createTestUser } from "@/tests/helpers/users";
import { CONNECT_SECRET, emulatorEvent, postEvent, startForwarder, waitFor } from "@/tests/helpers/webhooks";
import { EXPECTED_EVENT_API_VERSION, listEventsForAdmin } from "@/lib/webhooks/admin-events";
import { apiVersionMismatch } from "@/lib/webhooks/api-version";
import { subscribedEvents } from "@/lib/webhooks/subscriptions";

/*
 * Stripe renders each event at its endpoint's API version ("Events sent to this endpoint will be
 * generated with this Stripe Version instead of your account's default", webhook endpoint API
 * reference). An endpoint created at another version than the SDK's is flagged in /admin/events.
 */

const OLDER = "2025-03-31.basil";
let admin: Admin;
const cleanups: Array<() => Promise<unknown>> = [];
beforeAll(async () => {
  admin = await createTestUser("admin");
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A seller whose Connect events the emulator delivers to the app through an endpoint at `apiVersion`. */
async function sellerBehindEndpoint(apiVersion: string) {
  const { account } = await createTestSeller({ onboarded: false });
  const forwarder = await startForwarder({ accept: (body) => body.includes(account.stripeAccountId) });
  cleanups.push(() => forwarder.close());
  const endpoint = await emulator().addWebhookEndpoint({
    url: forwarder.url,
    secret: CONNECT_SECRET,
    connect: true,
    accounts: [account.stripeAccountId],
    enabled_events: subscribedEvents(true),
    api_version: apiVersion,
  });
  cleanups.push(() => emulator().removeWebhookEndpoint(endpoint.id));
  return { account, forwarder };
}

describe("events rendered at another API version", () => {
  it("are stored with their version and flagged in the admin event log", async () => {
    expect(EXPECTED_EVENT_API_VERSION).toBe("2026-10-28.endive");
    const before = (await listEventsForAdmin(admin, { page: 1 })).otherVersion;
    const { account, forwarder } = await sellerBehindEndpoint(OLDER);
    await control(`/accounts/${account.stripeAccountId}/onboard`, {});
    const event = await emulatorEvent(account.stripeAccountId, "account.updated");
    // Stored by the route, then applied by the inbox right after.
    const row = await waitFor(
      async () => {
        const stored = await getEventById({ id: event.id });
        return stored?.status === "received" ? undefined : stored;
      },
      10_000,
      "the delivered account.updated, applied",
    );

    expect(forwarder.statuses).toContain(200);
    // Still applied (the payload is usable here), but kept with the version it came at.
    expect(row).toMatchObject({ apiVersion: OLDER, status: "applied" });
    const log = await listEventsForAdmin(admin, { page: 1 });
    expect(log.otherVersion).toBe(before + 1);
    expect(log.items.find((e) => e.id === event.id)).toMatchObject({
      apiVersion: OLDER,
      apiVersionMismatch: true,
    });
  });

  it("are not confused with events at the SDK's version", async () => {
    const before = (await listEventsForAdmin(admin, { page: 1 })).otherVersion;
    const { account } = await createTestSeller({ onboarded: false });
    await control(`/accounts/${account.stripeAccountId}/onboard`, {});
    const event = await emulatorEvent(account.stripeAccountId, "account.updated");
    expect((await postEvent(event)).status).toBe(200);

    expect(await getEventById({ id: event.id })).toMatchObject({ apiVersion: EXPECTED_EVENT_API_VERSION });
    const log = await listEventsForAdmin(admin, { page: 1 });
    expect(log.otherVersion).toBe(before);
    expect(log.items.find((e) => e.id === event.id)).toMatchObject({ apiVersionMismatch: false });
    // Hand-made events without a version are not flagged either.
    expect(apiVersionMismatch(null)).toBe(false);
  });

  it("show a warning naming the expected version, and a badge on each flagged row only", () => {
    const warning = renderToStaticMarkup(
      <ApiVersionWarning count={2} days={7} expected={EXPECTED_EVENT_API_VERSION} />,
    );
    expect(warning).toContain('role="alert"');
    expect(warning).toContain("In the last 7 days, 2 events were sent at another Stripe API version");
    expect(warning).toContain(`again at ${EXPECTED_EVENT_API_VERSION}`);
    expect(
      renderToStaticMarkup(<ApiVersionWarning count={0} days={7} expected={EXPECTED_EVENT_API_VERSION} />),
    ).toBe("");

    const flagged = { apiVersion: OLDER, apiVersionMismatch: true };
    expect(
      renderToStaticMarkup(<ApiVersionBadge event={flagged} expected={EXPECTED_EVENT_API_VERSION} />),
    ).toContain(`API version ${OLDER} (expected ${EXPECTED_EVENT_API_VERSION})`);
    const ours = { apiVersion: EXPECTED_EVENT_API_VERSION, apiVersionMismatch: false };
    expect(renderToStaticMarkup(<ApiVersionBadge event={ours} expected={EXPECTED_EVENT_API_VERSION} />)).toBe(
      "",
    );
  });
});
