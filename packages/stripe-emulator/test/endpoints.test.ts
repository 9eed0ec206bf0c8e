/**
 * Endpoints the other files do not exercise: PaymentIntent update, customer retrieve, application fee
 * listing, the `account_update` Account Link, the HTML overview at `/`, and the Stripe-Version header.
 */
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { rejects, emulatorForFile, sellerForFile } from "./helpers";

const t = emulatorForFile();
const seller = sellerForFile(t);
const on = seller.on;

describe("PaymentIntent update", () => {
  it("changes amount, fee, metadata and shipping before payment; the change is what gets charged", async () => {
    const pi = await t.stripe.paymentIntents.create(
      { amount: 1000, currency: "usd", application_fee_amount: 100, metadata: { order_id: "o1", a: "1" } },
      on(),
    );
    const updated = await t.stripe.paymentIntents.update(
      pi.id,
      {
        amount: 2500,
        application_fee_amount: 250,
        metadata: { a: "", cart: "c9" },
        description: "Two mugs",
        shipping: { name: "Ada", address: { line1: "1 Main St", country: "US" } },
      },
      on(),
    );
    expect(updated).toMatchObject({
      amount: 2500,
      application_fee_amount: 250,
      description: "Two mugs",
      metadata: { order_id: "o1", cart: "c9" },
      status: "requires_payment_method",
    });
    expect(updated.shipping).toMatchObject({ name: "Ada", address: { line1: "1 Main St", city: null } });
    expect((await t.stripe.paymentIntents.retrieve(pi.id, {}, on())).amount).toBe(2500);

    const withCard = await t.stripe.paymentIntents.update(pi.id, { payment_method: "pm_card_visa" }, on());
    expect(withCard.status).toBe("requires_confirmation");
    const paid = await t.stripe.paymentIntents.confirm(
      pi.id,
      { return_url: "https://shop.example/return" },
      on(),
    );
    expect(paid).toMatchObject({ status: "succeeded", amount_received: 2500 });
    const fee = await t.stripe.applicationFees.list({ charge: paid.latest_charge as string });
    expect(fee.data[0]?.amount).toBe(250);
  });

  it("refuses money changes after payment, a fee above the amount, and another account's intent", async () => {
    const pi = await t.stripe.paymentIntents.create(
      {
        amount: 1000,
        currency: "usd",
        application_fee_amount: 100,
        payment_method: "pm_card_visa",
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      },
      on(),
    );
    const late = await rejects(t.stripe.paymentIntents.update(pi.id, { amount: 900 }, on()));
    expect(late).toMatchObject({ statusCode: 400, code: "payment_intent_unexpected_state" });
    // Metadata stays editable after success.
    await expect(
      t.stripe.paymentIntents.update(pi.id, { metadata: { note: "x" } }, on()),
    ).resolves.toMatchObject({
      metadata: { note: "x" },
    });
    const open = await t.stripe.paymentIntents.create({ amount: 1000, currency: "usd" }, on());
    const fee = await rejects(
      t.stripe.paymentIntents.update(open.id, { application_fee_amount: 5000 }, on()),
    );
    expect(fee.param).toBe("application_fee_amount");
    const descriptor = await rejects(
      t.stripe.paymentIntents.update(open.id, { statement_descriptor: "MUGS" }, on()),
    );
    expect(descriptor.param).toBe("statement_descriptor");
    const missing = await rejects(t.stripe.paymentIntents.update(open.id, { amount: 2000 }));
    expect(missing).toMatchObject({ statusCode: 404, code: "resource_missing" });
  });
});

describe("customers.retrieve", () => {
  it("returns the customer on its own account only", async () => {
    const customer = await t.stripe.customers.create({ email: "buyer@example.com", name: "Buyer" }, on());
    const got = await t.stripe.customers.retrieve(customer.id, {}, on());
    expect(got).toMatchObject({
      id: customer.id,
      email: "buyer@example.com",
      name: "Buyer",
    });
    const elsewhere = await rejects(t.stripe.customers.retrieve(customer.id));
    expect(elsewhere).toMatchObject({ statusCode: 404, code: "resource_missing", param: "id" });
  });
});

describe("applicationFees.list", () => {
  it("lists the platform's fees newest first, filters by charge, paginates; nothing under Stripe-Account", async () => {
    const charges: string[] = [];
    for (const fee of [101, 102, 103]) {
      const pi = await t.stripe.paymentIntents.create(
        {
          amount: 2000,
          currency: "usd",
          application_fee_amount: fee,
          payment_method: "pm_card_visa",
          confirm: true,
          automatic_payment_methods: { enabled: true, allow_redirects: "never" },
        },
        on(),
      );
      charges.push(pi.latest_charge as string);
    }
    const page = await t.stripe.applicationFees.list({ limit: 2 });
    expect(page.data.map((f) => f.amount)).toEqual([103, 102]);
    expect(page.has_more).toBe(true);
    const next = await t.stripe.applicationFees.list({ limit: 2, starting_after: page.data[1]?.id });
    expect(next.data[0]?.amount).toBe(101);
    const one = await t.stripe.applicationFees.list({ charge: charges[1] });
    expect(one.data).toHaveLength(1);
    expect(one.data[0]).toMatchObject({
      amount: 102,
      account: seller.id,
      charge: charges[1],
      refunded: false,
    });
    expect((await t.stripe.applicationFees.list({}, on())).data).toHaveLength(0);
  });
});

describe("account_update Account Link", () => {
  const urls = {
    refresh_url: "http://localhost:3000/settings/refresh",
    return_url: "http://localhost:3000/settings/return",
  };

  it("shows the account's details, saves what the seller changes and keeps the rest (bank included)", async () => {
    const custom = await t.stripe.accounts.create({
      country: "US",
      controller: {
        requirement_collection: "application",
        stripe_dashboard: { type: "none" },
        fees: { payer: "application" },
        losses: { payments: "application" },
      },
      capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
    });
    await t.control(`/_emulator/accounts/${custom.id}/onboard`, {});
    await t.stripe.accounts.update(custom.id, {
      external_account: {
        object: "bank_account",
        country: "US",
        currency: "usd",
        routing_number: "110000000",
        account_number: "000999999991",
      },
    });
    const link = await t.stripe.accountLinks.create({ account: custom.id, type: "account_update", ...urls });
    const page = await fetch(link.url, { redirect: "manual" });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Update your account");
    // Submit the form as a browser would: every input with its value, one field edited.
    const fields = new URLSearchParams();
    for (const m of html.matchAll(/<input id="\w+" name="(\w+)"(?: type="\w+")? value="([^"]*)"/g))
      fields.set(m[1] ?? "", m[2] ?? "");
    expect(fields.get("business_name")).toBe("Emulated Seller");
    expect(fields.get("account_number")).toBe("");
    fields.set("business_name", "Renamed Mugs");
    const submit = await fetch(`${link.url}/submit`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: fields.toString(),
    });
    expect(submit.status).toBe(303);
    expect(submit.headers.get("location")).toBe(urls.return_url);
    const after = await t.stripe.accounts.retrieve(custom.id);
    expect(after.business_profile?.name).toBe("Renamed Mugs");
    expect(after.charges_enabled).toBe(true);
    const bank = after.external_accounts?.data[0] as Stripe.BankAccount;
    expect(bank.last4).toBe("9991");
    const updates = await t.control<{ data: Stripe.Event[] }>(
      `/_emulator/events?account=${custom.id}&type=account.updated`,
    );
    expect(updates.data[0]?.data.previous_attributes).toEqual({
      business_profile: { name: "Emulated Seller" },
    });
    // One-time: the spent link goes to refresh_url.
    const again = await fetch(link.url, { redirect: "manual" });
    expect(again.headers.get("location")).toBe(urls.refresh_url);
  });
});

describe("overview page and Stripe-Version", () => {
  it("GET / renders accounts and payments, escaping what it shows", async () => {
    const acct = await t.stripe.accounts.create({ type: "express", email: "<b>x</b>@example.com" });
    const pi = await t.stripe.paymentIntents.create({ amount: 1234, currency: "usd" }, on());
    const res = await fetch(`${t.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("<h1>Stripe emulator</h1>");
    expect(html).toContain(acct.id);
    expect(html).toContain(seller.id);
    expect(html).toContain(`<td>${pi.id}</td><td>${seller.id}</td><td>12.34 usd</td>`);
    expect(html).toContain("&lt;b&gt;x&lt;/b&gt;@example.com");
    expect(html).not.toContain("<b>x</b>");
  });

  it("answers with the Stripe-Version asked for, the pinned one by default, and refuses a malformed one", async () => {
    const pinned = await t.stripe.customers.create({});
    expect(pinned.lastResponse.headers["stripe-version"]).toBe("2026-10-28.endive");
    const older = new Stripe("sk_test_emulator_platform", {
      host: "127.0.0.1",
      port: t.emu.port,
      protocol: "http",
      maxNetworkRetries: 0,
      apiVersion: "2025-03-31.basil" as Stripe.LatestApiVersion,
    });
    expect((await older.customers.create({})).lastResponse.headers["stripe-version"]).toBe(
      "2025-03-31.basil",
    );
    const auth = { Authorization: "Bearer sk_test_emulator_platform" };
    const none = await fetch(`${t.url}/v1/balance`, { headers: auth });
    expect(none.headers.get("stripe-version")).toBe("2026-10-28.endive");
    const errorToo = await fetch(`${t.url}/v1/customers/cus_nope`, {
      headers: { ...auth, "Stripe-Version": "2024-06-20" },
    });
    expect(errorToo.status).toBe(404);
    expect(errorToo.headers.get("stripe-version")).toBe("2024-06-20");
    const bad = await fetch(`${t.url}/v1/balance`, {
      headers: { ...auth, "Stripe-Version": "yesterday", Origin: "http://localhost:3000" },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain(
      "Invalid Stripe API version: yesterday",
    );
    expect(bad.headers.get("access-control-expose-headers")).toContain("Stripe-Version");
  });
});
