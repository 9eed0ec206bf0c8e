import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { EmulatorClient } from "@marketplace/stripe-emulator";
import type Stripe from "stripe";
import { closeDb } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { insertAccountForUser } from "@/db/queries/connected-accounts";
import { insertOrderOnce, setOrderPaymentIntent } from "@/db/queries/orders";
import { insertProduct } from "@/db/queries/products";
import { insertUser } from "@/db/queries/users";
import type { Product, User } from "@/db/schema";
import { expressAccountParams } from "@/lib/connect/accounts";
import { paymentIntentIdempotencyKey, paymentIntentParams } from "@/lib/payments/payment-intents";
import { accountStatusFromStripe } from "@/lib/connect/account-status";
import { env } from "@/lib/env";
import { seedDatabase } from "@/lib/seed/seed";
import { stripe } from "@/lib/stripe";
import { mapLimit } from "../../tests/reliability/support/concurrency";

/*
 * `npm run bench` runs this once per database column, in its own process (PGlite allows one owner of
 * its directory): migrations, the demo data (pages, checkout) and, for the webhook benchmark, many
 * sellers and orders with real activity in the emulator — payments, declines, refunds, disputes,
 * payouts — whose events the benchmark then signs and delivers. Writes the fixtures to BENCH_FIXTURES.
 */

export interface BenchFixtures {
  checkout: { productId: string; stripeAccountId: string; price: number }[];
  adminEmail: string;
  sellerEmail: string;
  users: Record<"admin" | "seller", { id: string; email: string; name: string; role: User["role"] }>;
  orders: number;
}

const ORDERS = Number(process.env.BENCH_ORDERS ?? 2400);
const SELLERS = 24;

const emulator = new EmulatorClient({ url: env.emulatorUrl, secretKey: env.stripeSecretKey });

async function benchSeller(i: number): Promise<{ user: User; account: Stripe.Account; product: Product }> {
  const user = await insertUser({
    email: `bench-seller-${i}-${randomUUID().slice(0, 6)}@bench.example`,
    name: `Bench seller ${i}`,
    passwordHash: null,
    role: "seller",
    businessName: `Bench shop ${i}`,
  });
  if (!user) throw new Error("bench seller not created");
  const created = await stripe.accounts.create(expressAccountParams(user));
  await emulator.onboardAccount(created.id);
  const account = await stripe.accounts.retrieve(created.id);
  await insertAccountForUser({
    userId: user.id,
    stripeAccountId: account.id,
    status: accountStatusFromStripe(account),
    stripeStateAt: 0,
  });
  const product = await insertProduct({
    sellerId: user.id,
    name: `Bench item ${i}`,
    description: "",
    price: 1_000 + i * 100,
    currency: "usd",
  });
  return { user, account, product };
}

/** One order paid the way a buyer would: mostly cards that work, some declines and disputes, some refunds. */
async function benchOrder(
  j: number,
  seller: { user: User; account: Stripe.Account; product: Product },
): Promise<void> {
  const amount = seller.product.price;
  const { order } = await insertOrderOnce({
    productId: seller.product.id,
    sellerId: seller.user.id,
    stripeAccountId: seller.account.id,
    buyerId: null,
    buyerEmail: `buyer-${j}@bench.example`,
    quantity: 1,
    unitAmount: amount,
    amount,
    applicationFeeAmount: Math.round(amount * 0.05) + 30,
    currency: "usd",
    accessToken: randomUUID(),
    checkoutKey: randomUUID(),
  });
  const on = { stripeAccount: seller.account.id };
  const intent = await stripe.paymentIntents.create(paymentIntentParams(order), {
    ...on,
    idempotencyKey: paymentIntentIdempotencyKey(order),
  });
  await setOrderPaymentIntent({ id: order.id, paymentIntentId: intent.id });
  const card =
    j % 12 === 0
      ? "pm_card_chargeDeclined"
      : j % 40 === 1
        ? "pm_card_createDispute"
        : "pm_card_bypassPending";
  try {
    await stripe.paymentIntents.confirm(
      intent.id,
      { payment_method: card, return_url: "https://bench.example/return" },
      on,
    );
  } catch {
    return; // declined: payment_intent.payment_failed
  }
  if (j % 7 === 2)
    await stripe.refunds.create(
      { payment_intent: intent.id, amount: j % 14 === 2 ? amount : Math.floor(amount / 2) },
      on,
    );
}

await runMigrations();
await seedDatabase({ autoOnboard: true });
const admin = await insertUser({
  email: `bench-admin-${randomUUID().slice(0, 6)}@bench.example`,
  name: "Bench admin",
  passwordHash: null,
  role: "admin",
});
if (!admin) throw new Error("bench admin not created");
const sellers: Awaited<ReturnType<typeof benchSeller>>[] = [];
for (let i = 0; i < SELLERS; i++) sellers.push(await benchSeller(i));
const started = Date.now();
// Contiguous blocks: every seller gets the whole mix of outcomes (and the funds for a payout).
const perSeller = Math.ceil(ORDERS / SELLERS);
await mapLimit(
  Array.from({ length: ORDERS }, (_, j) => j),
  8,
  (j) => benchOrder(j, sellers[Math.floor(j / perSeller)]!),
);
await emulator.advanceClock(3 * 86_400); // pending funds become available
for (const s of sellers)
  await stripe.payouts.create({ amount: 500, currency: "usd" }, { stripeAccount: s.account.id });
await emulator.advanceClock(3 * 86_400); // payouts paid
await new Promise((r) => setTimeout(r, 2_500)); // disputes open a moment after their payment
console.error(`bench seed: ${ORDERS} orders on ${SELLERS} accounts in ${Date.now() - started} ms`);

const seller = sellers[0]!;
const fixtures: BenchFixtures = {
  checkout: sellers
    .slice(0, 8)
    .map((s) => ({ productId: s.product.id, stripeAccountId: s.account.id, price: s.product.price })),
  adminEmail: admin.email,
  sellerEmail: seller.user.email,
  users: {
    admin: { id: admin.id, email: admin.email, name: admin.name, role: admin.role },
    seller: { id: seller.user.id, email: seller.user.email, name: seller.user.name, role: seller.user.role },
  },
  orders: ORDERS,
};
writeFileSync(process.env.BENCH_FIXTURES ?? ".data/bench-fixtures.json", JSON.stringify(fixtures, null, 2));
await closeDb();
