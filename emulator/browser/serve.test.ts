import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONNECT_JS_PARTS, serveBrowserAsset, STRIPE_JS_PARTS } from "./serve";

/**
 * The browser fakes are plain scripts; these checks make sure the served bundles parse and define
 * what @stripe/stripe-js and @stripe/connect-js look for. Their behaviour in a real browser, through
 * the real loaders and React wrappers, is covered by e2e/stripe-fakes.spec.ts.
 */

type Listener = (event: unknown) => void;

/** Just enough of a browser for the bundles to run their top level. */
function fakeBrowser(scriptSrc: string) {
  const defined = new Map<string, unknown>();
  class FakeHTMLElement {}
  const document = {
    currentScript: { src: scriptSrc },
    querySelectorAll: () => [],
    createElement: () => ({}),
    addEventListener: (_type: string, _l: Listener) => undefined,
  };
  const window: Record<string, unknown> = {};
  const customElements = {
    get: (name: string) => defined.get(name),
    define: (name: string, ctor: unknown) => defined.set(name, ctor),
  };
  return { window, document, customElements, HTMLElement: FakeHTMLElement, defined };
}

function run(body: string, env: ReturnType<typeof fakeBrowser>) {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const fn = new Function("window", "document", "customElements", "HTMLElement", body) as (
    ...args: unknown[]
  ) => void;
  fn(env.window, env.document, env.customElements, env.HTMLElement);
}

describe("serveBrowserAsset", () => {
  it("serves both scripts as JavaScript and nothing else", () => {
    for (const path of ["/js/stripe.js", "/js/connect.js", "/js/stripe.js?v=1"]) {
      const asset = serveBrowserAsset(path);
      expect(asset?.contentType).toMatch(/^application\/javascript/);
      expect(asset?.body.length).toBeGreaterThan(1000);
    }
    expect(serveBrowserAsset("/js/other.js")).toBeNull();
    expect(serveBrowserAsset("/v1/payment_intents")).toBeNull();
    expect(serveBrowserAsset("/js/")).toBeNull();
  });

  it("bundles every part file exactly once, and each part stays under the ~300-line house limit", () => {
    const bundles = [
      ["/js/stripe.js", "stripe", STRIPE_JS_PARTS],
      ["/js/connect.js", "connect", CONNECT_JS_PARTS],
    ] as const;
    for (const [path, dir, parts] of bundles) {
      const body = serveBrowserAsset(path)!.body;
      const onDisk = readdirSync(new URL(`./${dir}/`, import.meta.url)).map((f) => `${dir}/${f}`);
      expect([...parts].filter((p) => p !== "common.js").sort()).toEqual(onDisk.sort());
      for (const part of parts) {
        expect(body.split(`// ---- ${part}\n`).length - 1, part).toBe(1);
        const lines = readFileSync(new URL(`./${part}`, import.meta.url), "utf8").split("\n").length;
        expect(lines, part).toBeLessThanOrEqual(310);
      }
    }
  });

  it("bundles parse as scripts", () => {
    for (const path of ["/js/stripe.js", "/js/connect.js"]) {
      const body = serveBrowserAsset(path)!.body;
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      expect(() => new Function(body)).not.toThrow();
    }
  });
});

describe("fake Stripe.js", () => {
  const load = () => {
    const env = fakeBrowser("http://127.0.0.1:4567/js/stripe.js");
    run(serveBrowserAsset("/js/stripe.js")!.body, env);
    return env.window.Stripe as ((key: unknown, opts?: unknown) => Record<string, unknown>) & {
      version: string;
      emulator: { apiOrigin: string };
    };
  };

  it("defines window.Stripe with the release train @stripe/stripe-js expects", () => {
    const Stripe = load();
    expect(typeof Stripe).toBe("function");
    expect(Stripe.version).toBe("endive");
    expect(Stripe.emulator.apiOrigin).toBe("http://127.0.0.1:4567");
  });

  it("returns an instance that passes react-stripe-js' isStripe duck typing", () => {
    const stripe = load()("pk_test_emulator_platform", { stripeAccount: "acct_123" });
    for (const method of [
      "elements",
      "createToken",
      "createPaymentMethod",
      "confirmCardPayment",
      "confirmPayment",
      "retrievePaymentIntent",
      "handleNextAction",
      "registerAppInfo",
      "_registerWrapper",
    ]) {
      expect(typeof stripe[method], method).toBe("function");
    }
  });

  it("refuses secret keys and malformed options like Stripe.js", () => {
    const Stripe = load();
    expect(() => Stripe("sk_test_123")).toThrow(/secret key/);
    expect(() => Stripe(undefined)).toThrow(/apiKey should be a string/);
    expect(() => Stripe("pk_test_1", { stripeAccount: "bogus" })).toThrow(/stripeAccount/);
  });

  it("validates elements() options and the client secret format", async () => {
    const stripe = load()("pk_test_emulator_platform") as {
      elements: (o?: unknown) => { create: (t: string) => unknown };
      retrievePaymentIntent: (s: string) => Promise<unknown>;
    };
    expect(() => stripe.elements({ clientSecret: "nope" })).toThrow(/client secret of the form/);
    expect(() => stripe.elements({ mode: "payment", currency: "usd" })).toThrow(/amount/);
    expect(() => stripe.elements().create("payment")).toThrow(/client secret/);
    expect(() => stripe.elements({ mode: "payment", amount: 100, currency: "usd" }).create("card")).toThrow(
      /Payment Element/,
    );
    await expect(stripe.retrievePaymentIntent("pi_123")).rejects.toThrow(/client secret of the form/);
  });
});

describe("fake Connect.js", () => {
  it("defines window.StripeConnect.init and every stripe-connect-* element", () => {
    const env = fakeBrowser("http://127.0.0.1:4567/js/connect.js");
    run(serveBrowserAsset("/js/connect.js")!.body, env);
    const sc = env.window.StripeConnect as { init: unknown; emulator: { apiOrigin: string } };
    expect(typeof sc.init).toBe("function");
    expect(sc.emulator.apiOrigin).toBe("http://127.0.0.1:4567");
    for (const tag of [
      "account-onboarding",
      "payouts",
      "payments",
      "balances",
      "account-management",
      "notification-banner",
      "documents",
      "payouts-list",
    ]) {
      expect(env.defined.has(`stripe-connect-${tag}`), tag).toBe(true);
    }
  });

  it("implements every setter @stripe/connect-js installs on its elements", async () => {
    const { ConnectElementCommonMethodConfig, ConnectElementCustomMethodConfig, connectElementTagNames } =
      await import("@stripe/connect-js/pure");
    const env = fakeBrowser("http://127.0.0.1:4567/js/connect.js");
    run(serveBrowserAsset("/js/connect.js")!.body, env);
    for (const tag of connectElementTagNames) {
      const ctor = env.defined.get(`stripe-connect-${tag}`) as
        { prototype: Record<string, unknown> } | undefined;
      expect(ctor, tag).toBeDefined();
      const custom = (ConnectElementCustomMethodConfig as Record<string, Record<string, unknown>>)[tag] ?? {};
      for (const setter of [...Object.keys(ConnectElementCommonMethodConfig), ...Object.keys(custom)]) {
        expect(typeof ctor!.prototype[`${setter}InternalOnly`], `${tag}.${setter}InternalOnly`).toBe(
          "function",
        );
      }
      expect(typeof ctor!.prototype.setConnector, `${tag}.setConnector`).toBe("function");
    }
  });
});
