import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { emulatorStripe } from "@marketplace/stripe-emulator";
import { percentile, timeEach } from "./load";

/*
 * Checkout: the create-intent server action (`startCheckoutAction`, called over HTTP exactly as the
 * checkout page's form calls it) beside the emulator creating the same PaymentIntent directly. The two
 * alternate call by call, so the difference — our overhead — is measured on the same machine state.
 */

export interface CheckoutFigures {
  samples: number;
  action: { p50: number; p99: number };
  emulator: { p50: number; p99: number };
  overheadP50: number;
}

/** The action id Next gave startCheckoutAction in this build. */
export function checkoutActionId(distDir: string): string {
  const manifest = JSON.parse(readFileSync(`${distDir}/server/server-reference-manifest.json`, "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const entry = Object.entries(manifest.node).find(
    ([, v]) => v.exportedName === "startCheckoutAction" && v.filename?.includes("checkout"),
  );
  if (!entry) throw new Error("startCheckoutAction not found in the server reference manifest");
  return entry[0];
}

export async function benchCheckout(options: {
  baseUrl: string;
  distDir: string;
  emulatorPort: number;
  products: { productId: string; stripeAccountId: string; price: number }[];
  samples: number;
}): Promise<CheckoutFigures> {
  const actionId = checkoutActionId(options.distDir);
  const stripe = emulatorStripe(`http://127.0.0.1:${options.emulatorPort}`);
  const pick = (i: number) => options.products[i % options.products.length]!;

  const callAction = async (i: number) => {
    const { productId, price } = pick(i);
    const shown = { shownUnitAmount: price, shownAmount: price, shownCurrency: "usd" }; // what the page showed
    const input = {
      productId,
      quantity: 1,
      checkoutKey: randomBytes(24).toString("base64url"),
      email: `bench-${i}@bench.example`,
      ...shown,
    };
    const res = await fetch(`${options.baseUrl}/checkout/${productId}`, {
      method: "POST",
      // One buyer per sample (an address of its own): checkout submits are limited per address.
      headers: {
        "next-action": actionId,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin: options.baseUrl,
        "x-forwarded-for": `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      },
      body: JSON.stringify(["$undefined", input]),
    });
    const text = await res.text();
    if (!res.ok || !text.includes('"ok":true') || !text.includes("clientSecret")) {
      throw new Error(`checkout action failed (${res.status}): ${text.slice(0, 300)}`);
    }
  };
  const createDirect = async (i: number) => {
    const { stripeAccountId, price } = pick(i);
    await stripe.paymentIntents.create(
      {
        amount: price,
        currency: "usd",
        application_fee_amount: Math.round(price * 0.05) + 30,
        automatic_payment_methods: { enabled: true },
        metadata: { order_id: `bench-${i}` },
        receipt_email: `bench-${i}@bench.example`,
      },
      { stripeAccount: stripeAccountId, idempotencyKey: `bench-direct-${randomBytes(8).toString("hex")}` },
    );
  };

  for (let i = 0; i < 20; i++) {
    await callAction(i);
    await createDirect(i);
  }
  const action: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    action.push(...(await timeEach(1, () => callAction(i))));
    direct.push(...(await timeEach(1, () => createDirect(i))));
  }
  action.sort((a, b) => a - b);
  direct.sort((a, b) => a - b);
  const a = { p50: percentile(action, 0.5), p99: percentile(action, 0.99) };
  const e = { p50: percentile(direct, 0.5), p99: percentile(direct, 0.99) };
  return { samples: options.samples, action: a, emulator: e, overheadP50: a.p50 - e.p50 };
}
