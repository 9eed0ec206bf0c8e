/**
 * Checkout Sessions (issue 23): the validation Stripe does at creation, through the real SDK. Nothing is
 * created on a refusal.
 */
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { EmulatorClient } from "../src/client";
import { cart, item } from "./checkout-helpers";
import { emulatorForFile, rejects, sellerForFile } from "./helpers";

const t = emulatorForFile();
const seller = sellerForFile(t);

describe("validation (nothing created on refusal)", () => {
  const refused = async (params: Partial<Stripe.Checkout.SessionCreateParams>, account?: string) =>
    rejects(t.stripe.checkout.sessions.create(params, account ? { stripeAccount: account } : {}));

  it("refuses missing and malformed parameters like Stripe", async () => {
    expect(await refused({ mode: "payment", success_url: "https://x.example" })).toMatchObject({
      code: "parameter_missing",
      param: "line_items",
    });
    expect(await refused({ line_items: [item("Mug", 1500)] })).toMatchObject({
      code: "parameter_missing",
      param: "mode",
    });
    expect(
      await refused(
        cart({
          line_items: [{ price_data: { currency: "usd", unit_amount: 100, product_data: { name: "A" } } }],
        }),
      ),
    ).toMatchObject({ code: "parameter_missing", param: "line_items[0][quantity]" });
    expect(await refused(cart({ line_items: [{ price: "price_123", quantity: 1 }] }))).toMatchObject({
      code: "resource_missing",
      param: "line_items[0][price]",
      message: "No such price: 'price_123'",
    });
    expect(await refused(cart({ ui_mode: "hosted" as "hosted_page" }))).toMatchObject({ param: "ui_mode" });
    const types = await refused({ ...cart(), payment_method_types: ["card"] } as never);
    expect(types).toMatchObject({ code: "payment_method_types_no_longer_supported" });
    expect(await refused(cart({ success_url: "not a url" }))).toMatchObject({ param: "success_url" });
  });

  it("refuses mixed currencies and totals under the minimum", async () => {
    const mixed = await refused(cart({ line_items: [item("Mug", 1500), item("Tee", 2000, 1, "eur")] }));
    expect(mixed).toMatchObject({ statusCode: 400, param: "line_items[1][price_data][currency]" });
    expect(mixed.message).toContain("same currency");
    const small = await refused(cart({ line_items: [item("Sticker", 20, 2)] }));
    expect(small).toMatchObject({ code: "amount_too_small", param: "line_items" });
  });

  it("refuses expires_at outside 30 minutes .. 24 hours", async () => {
    const now = Math.floor(Date.now() / 1000);
    const soon = await refused(cart({ expires_at: now + 600 }));
    expect(soon).toMatchObject({ param: "expires_at" });
    expect(soon.message).toContain("at least 30 minutes");
    const late = await refused(cart({ expires_at: now + 2 * 86400 }));
    expect(late.message).toContain("less than 24 hours");
    const ok = await t.stripe.checkout.sessions.create(cart({ expires_at: now + 3600 }));
    expect(ok.expires_at).toBe(now + 3600);
  });

  it("application fees need a destination or Stripe-Account; the destination must exist", async () => {
    const fee = await refused(cart({ payment_intent_data: { application_fee_amount: 500 } }));
    expect(fee).toMatchObject({ param: "payment_intent_data[application_fee_amount]" });
    const unknown = await refused(
      cart({
        payment_intent_data: { application_fee_amount: 500, transfer_data: { destination: "acct_nope" } },
      }),
    );
    expect(unknown).toMatchObject({
      code: "resource_missing",
      param: "payment_intent_data[transfer_data][destination]",
    });
    const tooBig = await refused(
      cart({
        payment_intent_data: { application_fee_amount: 6000, transfer_data: { destination: seller.id } },
      }),
    );
    expect(tooBig).toMatchObject({ param: "payment_intent_data[application_fee_amount]" });
    const direct = await refused(
      cart({ payment_intent_data: { transfer_data: { destination: seller.id } } }),
      seller.id,
    );
    expect(direct).toMatchObject({ param: "payment_intent_data[transfer_data][destination]" });
  });

  it("refuses what the emulator does not emulate, with emulator_unsupported", async () => {
    expect(await refused({ ...cart(), mode: "subscription" })).toMatchObject({
      code: "emulator_unsupported",
      param: "mode",
    });
    expect(await refused({ ...cart(), mode: "setup", line_items: undefined })).toMatchObject({
      code: "emulator_unsupported",
    });
    expect(await refused(cart({ discounts: [{ coupon: "X" }] }))).toMatchObject({
      code: "emulator_unsupported",
      param: "discounts",
    });
  });

  it("created nothing while refusing", async () => {
    const { counts } = await new EmulatorClient({ url: t.url }).state();
    const listed = await t.stripe.checkout.sessions.list({ limit: 100 });
    expect(counts.checkout_sessions).toBe(listed.data.length);
  });
});
