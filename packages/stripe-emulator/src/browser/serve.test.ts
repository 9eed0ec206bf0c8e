import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { CONNECT_JS_ENTRY, serveBrowserAsset, STRIPE_JS_ENTRY } from "./serve";
import { fakeBrowser, run, served } from "./test-browser";

/**
 * The browser fakes are TypeScript modules bundled by esbuild; these checks make sure the served bundles
 * parse and define what @stripe/stripe-js and @stripe/connect-js look for. Their behaviour in a real
 * browser, through the real loaders and React wrappers, is covered by e2e/stripe-fakes.spec.ts.
 */

const HERE = fileURLToPath(new URL(".", import.meta.url));
/** The modules both fakes import (money.ts is the emulator's one money formatter, shared with its server). */
const SHARED_MODULES = ["../money.ts", "common.ts", "dom.ts"];

/** The source files esbuild puts in a bundle, relative to this directory. */
async function bundleInputs(entry: URL): Promise<string[]> {
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
    absWorkingDir: HERE,
    bundle: true,
    write: false,
    metafile: true,
    format: "iife",
    platform: "browser",
    logLevel: "silent",
  });
  return Object.keys(result.metafile.inputs).sort();
}

describe("serveBrowserAsset", () => {
  it("serves both scripts as JavaScript and nothing else", async () => {
    for (const path of ["/js/stripe.js", "/js/connect.js", "/js/stripe.js?v=1"]) {
      const asset = await serveBrowserAsset(path);
      expect(asset?.contentType).toMatch(/^application\/javascript/);
      expect(asset?.body.length).toBeGreaterThan(1000);
    }
    expect(await serveBrowserAsset("/js/other.js")).toBeNull();
    expect(await serveBrowserAsset("/v1/payment_intents")).toBeNull();
    expect(await serveBrowserAsset("/js/")).toBeNull();
  });

  it("bundles every module of each fake, no npm code, and each module stays under the ~300-line house limit", async () => {
    const bundles = [
      ["stripe", STRIPE_JS_ENTRY],
      ["connect", CONNECT_JS_ENTRY],
    ] as const;
    for (const [dir, entry] of bundles) {
      const onDisk = readdirSync(new URL(`./${dir}/`, import.meta.url))
        .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
        .map((f) => `${dir}/${f}`);
      // Their own modules (but types.ts, which holds types only) and the shared ones: nothing from
      // node_modules, since @stripe/* and stripe are imported for their types only.
      const runtime = onDisk.filter((f) => f !== `${dir}/types.ts`);
      expect(await bundleInputs(entry)).toEqual([...SHARED_MODULES, ...runtime].sort());
      for (const file of [...SHARED_MODULES, ...onDisk]) {
        const lines = readFileSync(new URL(`./${file}`, import.meta.url), "utf8").split("\n").length;
        expect(lines, file).toBeLessThanOrEqual(310);
      }
    }
  });

  it("bundles parse as strict classic scripts under their banner", async () => {
    for (const [path, name] of [
      ["/js/stripe.js", "Stripe.js"],
      ["/js/connect.js", "Connect.js"],
    ] as const) {
      const body = await served(path);
      expect(body.startsWith(`/* Fake ${name} served by the offline Stripe emulator`), path).toBe(true);
      expect(body.split("\n")[0], path).toMatch(/Not Stripe's code\. \*\/$/);
      expect(body.split("\n")[1], path).toBe('"use strict";');
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      expect(() => new Function(body)).not.toThrow();
    }
  });

  it("bundles do nothing outside a browser (no window)", async () => {
    for (const path of ["/js/stripe.js", "/js/connect.js"]) {
      const body = await served(path);
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      const fn = new Function("window", "document", "customElements", "HTMLElement", body) as () => void;
      expect(fn, path).not.toThrow();
    }
  });
});

describe("fake Stripe.js", () => {
  const load = async (env = fakeBrowser("http://127.0.0.1:4567/js/stripe.js")) => {
    run(await served("/js/stripe.js"), env);
    return env.window.Stripe as ((key: unknown, opts?: unknown) => Record<string, unknown>) & {
      version: string;
      emulator: { apiOrigin: string };
    };
  };

  it("defines window.Stripe with the release train @stripe/stripe-js expects", async () => {
    const Stripe = await load();
    expect(typeof Stripe).toBe("function");
    expect(Stripe.version).toBe("endive");
    expect(Stripe.emulator.apiOrigin).toBe("http://127.0.0.1:4567");
  });

  it("finds its origin from document.currentScript first, else from its script tag", async () => {
    const page = ["http://localhost:9999/js/other.js", "http://127.0.0.1:7777/js/stripe.js?v=2"];
    expect((await load(fakeBrowser("http://127.0.0.1:4567/js/stripe.js", page))).emulator.apiOrigin).toBe(
      "http://127.0.0.1:4567",
    );
    expect((await load(fakeBrowser(null, page))).emulator.apiOrigin).toBe("http://127.0.0.1:7777");
    expect((await load(fakeBrowser(null))).emulator.apiOrigin).toBe("http://127.0.0.1:12111");
  });

  it("returns an instance that passes react-stripe-js' isStripe duck typing", async () => {
    const stripe = (await load())("pk_test_emulator_platform", { stripeAccount: "acct_123" });
    for (const method of [
      "elements",
      "createToken",
      "createPaymentMethod",
      "confirmCardPayment",
      "confirmPayment",
      "retrievePaymentIntent",
      "confirmSetup",
      "retrieveSetupIntent",
      "handleNextAction",
      "registerAppInfo",
      "_registerWrapper",
    ]) {
      expect(typeof stripe[method], method).toBe("function");
    }
  });

  it("refuses secret keys and malformed options like Stripe.js", async () => {
    const Stripe = await load();
    expect(() => Stripe("sk_test_123")).toThrow(/secret key/);
    expect(() => Stripe(undefined)).toThrow(/apiKey should be a string/);
    expect(() => Stripe("pk_test_1", { stripeAccount: "bogus" })).toThrow(/stripeAccount/);
  });

  it("validates elements() options and the client secret format", async () => {
    const stripe = (await load())("pk_test_emulator_platform") as {
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

  it("accepts Stripe.js' capture methods only, in elements() and elements.update()", async () => {
    type Group = { update: (o: unknown) => void };
    const stripe = (await load())("pk_test_emulator_platform") as { elements: (o?: unknown) => Group };
    const deferred = { mode: "payment", amount: 2500, currency: "usd" };
    for (const captureMethod of ["automatic", "automatic_async", "manual"]) {
      expect(() => stripe.elements({ ...deferred, captureMethod }), captureMethod).not.toThrow();
    }
    expect(() => stripe.elements({ ...deferred, captureMethod: "later" })).toThrow(
      /Invalid value for elements\(\): captureMethod should be one of the following strings: automatic, automatic_async, manual\. You specified: later\./,
    );
    expect(() => stripe.elements({ ...deferred, capture_method: "Manual" })).toThrow(/capture_method/);

    const group = stripe.elements({ ...deferred, captureMethod: "manual" });
    expect(() => group.update({ captureMethod: "automatic" })).not.toThrow();
    expect(() => group.update({ captureMethod: "on_ship" })).toThrow(/elements\.update\(\): captureMethod/);
    // The refused update left the group as it was: the next valid update is not blamed for it.
    expect(() => group.update({ amount: 3000 })).not.toThrow();
    expect(() => group.update({ amount: -1 })).toThrow(/amount/);
    expect(() => group.update({ currency: "eur" })).not.toThrow();
  });
});

describe("fake Connect.js", () => {
  it("defines window.StripeConnect.init and every stripe-connect-* element", async () => {
    const { connectElementTagNames } = await import("@stripe/connect-js/pure");
    const env = fakeBrowser("http://127.0.0.1:4567/js/connect.js");
    env.window.StripeConnect = { optimizedLoading: true }; // what connect-js may have set already
    run(await served("/js/connect.js"), env);
    const sc = env.window.StripeConnect as {
      init: unknown;
      optimizedLoading: boolean;
      emulator: { apiOrigin: string; tags: string[] };
    };
    expect(typeof sc.init).toBe("function");
    expect(sc.optimizedLoading).toBe(true);
    expect(sc.emulator.apiOrigin).toBe("http://127.0.0.1:4567");
    expect(sc.emulator.tags).toEqual([...connectElementTagNames]);
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

  it("finds its origin from its script tag when document.currentScript is not set", async () => {
    const env = fakeBrowser(null, ["http://127.0.0.1:7777/js/connect.js"]);
    run(await served("/js/connect.js"), env);
    expect((env.window.StripeConnect as { emulator: { apiOrigin: string } }).emulator.apiOrigin).toBe(
      "http://127.0.0.1:7777",
    );
  });

  it("implements every setter @stripe/connect-js installs on its elements", async () => {
    const { ConnectElementCommonMethodConfig, ConnectElementCustomMethodConfig, connectElementTagNames } =
      await import("@stripe/connect-js/pure");
    const env = fakeBrowser("http://127.0.0.1:4567/js/connect.js");
    run(await served("/js/connect.js"), env);
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
