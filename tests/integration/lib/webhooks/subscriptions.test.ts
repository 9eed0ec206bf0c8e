import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { STRIPE_API_VERSION } from "@/lib/stripe";
import { emulator } from "@/tests/helpers/emulator";
import { HANDLERS } from "@/lib/webhooks/dispatch";
import { DISPUTE_EVENTS } from "@/lib/webhooks/disputes";
import { SUBSCRIBED_EVENT_TYPES, WEBHOOK_EVENTS } from "@/lib/webhooks/subscriptions";

/*
 * One list of subscribed events (subscriptions.ts), and everything that must agree with it: the handlers,
 * what docs/webhooks.md and the README tell operators to subscribe to, and the endpoints the test
 * helpers register on the emulator (which then, like Stripe, deliver nothing else).
 */

const root = path.resolve(import.meta.dirname, "../../../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const EVENT = /`([a-z_]+(?:\.[a-z_]+)+)`/g;

/** The events column of the docs' table, per endpoint ("Platform" / "Connect" rows). */
function documentedEvents(markdown: string): { platform: string[]; connect: string[] } {
  const start = markdown.indexOf("## Which events each endpoint needs");
  const section = markdown.slice(start, markdown.indexOf("\n## ", start + 1));
  const out = { platform: [] as string[], connect: [] as string[] };
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    const kind = cells[1]?.startsWith("Platform")
      ? "platform"
      : cells[1]?.startsWith("Connect")
        ? "connect"
        : null;
    if (kind) out[kind].push(...[...(cells[2] ?? "").matchAll(EVENT)].map((m) => m[1] ?? ""));
  }
  return out;
}

const sorted = (list: readonly string[]) => [...list].sort();

describe("the subscribed event list has one owner", () => {
  it("the handlers dispatch on exactly the subscribed types (a handler for an unsubscribed type would never run)", () => {
    expect(sorted([...HANDLERS.keys()])).toEqual(sorted(SUBSCRIBED_EVENT_TYPES));
    // Only payments, refunds and disputes happen on both sides (a direct charge's on the seller's account, a cart's on
    // the platform's); every other type is one endpoint's alone.
    expect(
      WEBHOOK_EVENTS.platform.filter((t) => (WEBHOOK_EVENTS.connect as readonly string[]).includes(t)),
    ).toEqual([
      "payment_intent.succeeded",
      "payment_intent.processing",
      "refund.created",
      "refund.updated",
      "refund.failed",
      ...DISPUTE_EVENTS,
    ]);
  });

  it("docs/webhooks.md tells operators to subscribe each endpoint to exactly that list, at the SDK's API version", () => {
    const docs = read("docs/webhooks.md");
    const documented = documentedEvents(docs);
    expect(sorted(documented.platform)).toEqual(sorted(WEBHOOK_EVENTS.platform));
    expect(sorted(documented.connect)).toEqual(sorted(WEBHOOK_EVENTS.connect));
    const cliEvents = /--events ([a-z_.,]+)/.exec(docs)?.[1]?.split(",") ?? [];
    expect(sorted(cliEvents)).toEqual(sorted(SUBSCRIBED_EVENT_TYPES));
    expect(docs).toContain(`API version \`${STRIPE_API_VERSION}\``);
    expect(docs).toContain(`api_version=${STRIPE_API_VERSION}`);
  });

  it("the README sends operators to that table and names the same API version", () => {
    const readme = read("README.md");
    expect(readme).toContain("docs/webhooks.md");
    expect(readme).toContain(STRIPE_API_VERSION);
  });

  it("the emulator endpoints the test helpers register subscribe to the same lists", async () => {
    const { registerEndpoint } = await import("@/tests/helpers/webhooks");
    const endpoint = await registerEndpoint({
      url: "http://127.0.0.1:9/unused",
      secret: "whsec_unused",
      connect: true,
    });
    try {
      const listed = (await emulator().state()).webhook_endpoints.find((e) => e.id === endpoint.id);
      expect(listed?.enabled_events).toEqual([...WEBHOOK_EVENTS.connect]);
    } finally {
      await endpoint.remove();
    }
  });
});
