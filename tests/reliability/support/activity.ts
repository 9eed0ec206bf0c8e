import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import type { Executor } from "@/db/client";
import { insertAccountForUser } from "@/db/queries/connected-accounts";
import { insertOrderOnce, setOrderPaymentIntent } from "@/db/queries/orders";
import { insertProduct } from "@/db/queries/products";
import { insertPendingRefund } from "@/db/queries/refunds";
import { insertUser } from "@/db/queries/users";
import { expressAccountParams } from "@/lib/connect/accounts";
import { paymentIntentIdempotencyKey, paymentIntentParams } from "@/lib/payments/payment-intents";
import { accountStatusFromStripe } from "@/lib/connect/account-status";
import { mapLimit } from "./concurrency";

/*
 * Real activity in the emulator for webhook tests: sellers with onboarded Express accounts, orders
 * paid with a mix of cards (success, decline, decline then success, 3-D Secure pending, dispute,
 * refund failure, canceled), refunds made in the admin console (our row + metadata) and outside it,
 * with and without the fee, payouts, and account changes (onboarding, requirements due and met again). Every Stripe object is created the way the app creates it,
 * and the rows the app would have written before any webhook arrived are written to `ex`.
 */

export interface Activity {
  accounts: string[];
  orderIds: string[];
  adminId: string;
}

type Control = (path: string, body?: unknown) => Promise<unknown>;

/** A seller with an onboarded Express account in the emulator and one product, written to `ex`. */
export async function seller(ex: Executor, stripe: Stripe, control: Control, i: number) {
  const user = await insertUser(
    {
      email: `storm-${i}-${randomUUID().slice(0, 8)}@test.example`,
      name: `Storm seller ${i}`,
      passwordHash: null,
      role: "seller",
      businessName: `Storm ${i}`,
    },
    ex,
  );
  if (!user) throw new Error("seller not created");
  const created = await stripe.accounts.create(expressAccountParams(user));
  // The row as the app writes it when it creates the account (requirements due, cannot charge yet):
  // onboarding reaches the database only through the account.updated webhook.
  const fresh = await stripe.accounts.retrieve(created.id);
  await insertAccountForUser(
    { userId: user.id, stripeAccountId: fresh.id, status: accountStatusFromStripe(fresh), stripeStateAt: 0 },
    ex,
  );
  await control(`/accounts/${created.id}/onboard`, {});
  const account = await stripe.accounts.retrieve(created.id);
  const product = await insertProduct(
    { sellerId: user.id, name: `Storm item ${i}`, description: "", price: 2_000 + i * 150, currency: "usd" },
    ex,
  );
  return { user, account, product };
}

/** What happens to order `j`: the card used, then what follows. */
function planFor(j: number) {
  if (j % 25 === 7) return { card: "pm_card_createDispute" } as const;
  if (j % 10 === 3) return { card: "pm_card_chargeDeclined" } as const;
  if (j % 20 === 9) return { card: "pm_card_chargeDeclined", retry: "pm_card_bypassPending" } as const;
  if (j % 10 === 5) return { card: "pm_card_authenticationRequired" } as const;
  if (j % 30 === 11) return { cancel: true } as const;
  if (j % 33 === 13) return { card: "pm_card_refundFail", refund: "outside" } as const;
  if (j % 8 === 4) return { card: "pm_card_bypassPending", refund: "ours" } as const;
  if (j % 6 === 1) return { card: "pm_card_bypassPending", refund: "outside" } as const;
  if (j % 12 === 2) return { card: "pm_card_bypassPending", refund: "full_with_fee" } as const;
  return { card: "pm_card_bypassPending" } as const;
}

export async function generateActivity(
  ex: Executor,
  stripe: Stripe,
  control: Control,
  {
    sellers,
    ordersPerSeller,
    concurrency = 8,
  }: { sellers: number; ordersPerSeller: number; concurrency?: number },
): Promise<Activity> {
  const admin = await insertUser(
    {
      email: `storm-admin-${randomUUID().slice(0, 8)}@test.example`,
      name: "Storm admin",
      passwordHash: null,
      role: "admin",
    },
    ex,
  );
  if (!admin) throw new Error("admin not created");
  const shops: Awaited<ReturnType<typeof seller>>[] = [];
  for (let i = 0; i < sellers; i++) shops.push(await seller(ex, stripe, control, i));
  const jobs = Array.from({ length: sellers * ordersPerSeller }, (_, j) => j);
  const orderIds = await mapLimit(jobs, concurrency, async (j) => {
    const shop = shops[Math.floor(j / ordersPerSeller)]!; // each seller sees the whole mix
    const on = { stripeAccount: shop.account.id };
    const amount = shop.product.price * (1 + (j % 3));
    const { order } = await insertOrderOnce(
      {
        productId: shop.product.id,
        sellerId: shop.user.id,
        stripeAccountId: shop.account.id,
        buyerId: null,
        buyerEmail: `storm-buyer-${j}@test.example`,
        quantity: 1 + (j % 3),
        unitAmount: shop.product.price,
        amount,
        applicationFeeAmount: Math.round(amount * 0.05) + 30,
        currency: "usd",
        accessToken: randomUUID(),
        checkoutKey: randomUUID(),
      },
      ex,
    );
    const intent = await stripe.paymentIntents.create(paymentIntentParams(order), {
      ...on,
      idempotencyKey: paymentIntentIdempotencyKey(order),
    });
    // Every tenth response "lost": the order never learned its PaymentIntent id; metadata must find it.
    if (j % 10 !== 0) await setOrderPaymentIntent({ id: order.id, paymentIntentId: intent.id }, ex);
    const plan = planFor(j);
    if ("cancel" in plan) {
      await stripe.paymentIntents.cancel(intent.id, {}, on);
      return order.id;
    }
    const paid = await stripe.paymentIntents
      .confirm(intent.id, { payment_method: plan.card, return_url: "https://shop.example/return" }, on)
      .catch(() => null);
    if (!paid && "retry" in plan)
      await stripe.paymentIntents.confirm(
        intent.id,
        { payment_method: plan.retry, return_url: "https://shop.example/return" },
        on,
      );
    if ("refund" in plan && paid?.status === "succeeded") {
      if (plan.refund === "ours") {
        // The admin console wrote its pending row and Stripe made the refund; the answer was lost.
        const row = await insertPendingRefund(
          {
            orderId: order.id,
            amount: Math.floor(amount / 3),
            currency: "usd",
            reason: "requested_by_customer",
            refundApplicationFee: false,
            createdBy: admin.id,
          },
          ex,
        );
        await stripe.refunds.create(
          {
            payment_intent: intent.id,
            amount: row.amount,
            reason: "requested_by_customer",
            metadata: { refund_id: row.id, order_id: order.id },
          },
          { ...on, idempotencyKey: `refund-${row.id}` },
        );
      } else if (plan.refund === "full_with_fee") {
        await stripe.refunds.create({ payment_intent: intent.id, refund_application_fee: true }, on);
      } else {
        await stripe.refunds.create({ payment_intent: intent.id, amount: Math.floor(amount / 2) }, on);
        if (j % 12 === 1) await stripe.refunds.create({ payment_intent: intent.id, amount: 100 }, on);
      }
    }
    return order.id;
  });
  await control("/clock/advance", { seconds: 3 * 86_400 }); // pending funds become available
  for (const shop of shops)
    await stripe.payouts.create({ amount: 700, currency: "usd" }, { stripeAccount: shop.account.id });
  await control("/clock/advance", { seconds: 3 * 86_400 }); // payouts paid
  // Stripe asks a third of the sellers for more information (charges and payouts stop); half of those
  // provide it a minute later. Each change is an account.updated the database must end up following.
  const restricted = shops.filter((_, i) => i % 3 === 0);
  for (const shop of restricted)
    await control(`/accounts/${shop.account.id}/requirements`, { currently_due: ["individual.id_number"] });
  await control("/clock/advance", { seconds: 60 }); // a later `created`: the events are ordered
  for (const shop of restricted.filter((_, i) => i % 2 === 0))
    await control(`/accounts/${shop.account.id}/requirements`, { currently_due: [] });
  await new Promise((r) => setTimeout(r, 2_000)); // disputes (1.5 s) and refund failures (0.5 s) happen
  return { accounts: shops.map((s) => s.account.id), orderIds, adminId: admin.id };
}
