import { describe, expect, it } from "vitest";
import { fakeBrowser, run, served } from "./test-browser";

/**
 * The fake Stripe.js' saved-card methods (issue 22) refuse what Stripe.js refuses before any request:
 * Elements options in setup mode, and the arguments of confirmSetup, createPaymentMethod,
 * handleNextAction. Their behaviour in a browser: test/stripe-js-saved-cards.test.ts.
 */
describe("fake Stripe.js: saved cards", () => {
  type Instance = Record<string, (arg?: unknown) => unknown>;
  const instance = async () => {
    const env = fakeBrowser("http://127.0.0.1:4567/js/stripe.js");
    run(await served("/js/stripe.js"), env);
    return (env.window.Stripe as (key: string) => Instance)("pk_test_emulator_platform");
  };

  it("takes Elements in setup mode (currency optional) and checks paymentMethodCreation and setupFutureUsage", async () => {
    const stripe = await instance();
    expect(() => stripe.elements!({ mode: "setup" })).not.toThrow();
    const options = {
      mode: "setup",
      currency: "usd",
      setupFutureUsage: "off_session",
      paymentMethodCreation: "manual",
    };
    expect(() => stripe.elements!(options)).not.toThrow();
    expect(() => stripe.elements!({ mode: "setup", currency: "dollars" })).toThrow(/currency/);
    expect(() => stripe.elements!({ ...options, paymentMethodCreation: "automatic" })).toThrow(
      /paymentMethodCreation should be one of the following strings: manual\. You specified: automatic\./,
    );
    expect(() => stripe.elements!({ ...options, setupFutureUsage: "later" })).toThrow(/setupFutureUsage/);
    const group = stripe.elements!({ mode: "payment", amount: 100, currency: "usd" }) as {
      update: (o: unknown) => void;
    };
    expect(() => group.update({ setup_future_usage: "sometimes" })).toThrow(/setup_future_usage/);
  });

  it("checks confirmSetup, createPaymentMethod and handleNextAction arguments like Stripe.js", async () => {
    const stripe = await instance();
    await expect(
      stripe.confirmSetup!({
        clientSecret: "pi_1_secret_x",
        redirect: "if_required",
        confirmParams: { payment_method: "pm_1" },
      }),
    ).rejects.toThrow(/clientSecret should be a SetupIntent client secret/);
    await expect(
      stripe.confirmSetup!({ clientSecret: "seti_1_secret_x", confirmParams: { payment_method: "pm_1" } }),
    ).rejects.toThrow(/return_url/);
    await expect(stripe.confirmSetup!({ redirect: "if_required" })).rejects.toThrow(
      /elements or confirmParams/,
    );
    await expect(
      stripe.confirmPayment!({
        clientSecret: "seti_1_secret_x",
        redirect: "if_required",
        confirmParams: { payment_method: "pm_1" },
      }),
    ).rejects.toThrow(/PaymentIntent client secret/);
    await expect(stripe.handleNextAction!({ clientSecret: "nope" })).rejects.toThrow(
      /client secret of the form/,
    );
    await expect(stripe.createPaymentMethod!({ elements: {} })).rejects.toThrow(
      /elements should be an Elements group/,
    );
    await expect(stripe.createPaymentMethod!({ type: "card" })).resolves.toMatchObject({
      error: { code: "emulator_unsupported" },
    });
    await expect(stripe.retrieveSetupIntent!("pi_1_secret_x")).rejects.toThrow(/SetupIntent client secret/);
  });
});
