import type { AccountContext, AppOrder, Money, PaymentContext } from "../contract";

/*
 * Answers shaped as the contract says, for the tests' stubbed `fetch`. Amounts are formatted the way the
 * marketplace formats them ("$12.50"); the app shows the text as given.
 */

export function money(minor: number, currency = "usd"): Money {
  const digits = currency === "jpy" ? 0 : 2;
  const symbol = currency === "jpy" ? "¥" : currency === "eur" ? "€" : "$";
  const decimal = (minor / 10 ** digits).toFixed(digits);
  return { minor, currency, text: `${symbol}${decimal}`, decimal };
}

/** A succeeded direct charge of 2 × $12.50 by Ada's Pottery, fully refundable, $2.50 fee. */
export function order(overrides: Partial<AppOrder> = {}): AppOrder {
  const currency = overrides.amount?.currency ?? "usd";
  return {
    id: "ord_1",
    adminUrl: "https://market.example.com/admin/orders/ord_1",
    status: "succeeded",
    chargeModel: "direct",
    buyerEmail: "buyer@example.com",
    seller: { id: "sel_1", name: "Ada's Pottery", email: "ada@example.com", stripeAccountId: "acct_seller1" },
    product: { id: "prod_1", name: "Blue mug" },
    quantity: 2,
    unitAmount: money(1250, currency),
    amount: money(2500, currency),
    fee: money(250, currency),
    feeReturned: money(0, currency),
    refunded: money(0, currency),
    refundInProgress: money(0, currency),
    disputed: money(0, currency),
    sellerNet: money(2250, currency),
    refundable: money(2500, currency),
    refundFeeByDefault: true,
    refunds: [],
    disputes: [],
    ...overrides,
  };
}

export function payment(orders: AppOrder[], paymentId = "pi_123"): PaymentContext {
  return { admin: { email: "admin@example.com" }, paymentId, orders };
}

/** A cart paid on the platform: two sellers' lines, each a "separate" order. */
export function cartPayment(): PaymentContext {
  return payment(
    [
      order({ id: "ord_a", chargeModel: "separate" }),
      order({
        id: "ord_b",
        chargeModel: "separate",
        adminUrl: "https://market.example.com/admin/orders/ord_b",
        seller: {
          id: "sel_2",
          name: "Bob's Prints",
          email: "bob@example.com",
          stripeAccountId: "acct_seller2",
        },
        product: { id: "prod_2", name: "Harbour poster" },
        quantity: 1,
        unitAmount: money(4000),
        amount: money(4000),
        fee: money(400),
        sellerNet: money(3600),
        refundable: money(4000),
      }),
    ],
    "pi_cart",
  );
}

export function account(overrides: Partial<AccountContext["seller"]> = {}): AccountContext {
  return {
    admin: { email: "admin@example.com" },
    seller: {
      id: "sel_1",
      name: "Ada's Pottery",
      email: "ada@example.com",
      stripeAccountId: "acct_seller1",
      adminUrl: "https://market.example.com/admin/sellers/sel_1",
      shopUrl: "https://market.example.com/shops/sel_1",
      chargesEnabled: true,
      payoutsEnabled: false,
      disconnected: false,
      requirementsDue: [
        { field: "individual.verification.document", pastDue: true },
        { field: "external_account", pastDue: false },
      ],
      ...overrides,
    },
    products: [
      {
        id: "prod_1",
        name: "Blue mug",
        price: money(1250),
        active: true,
        url: "https://market.example.com/products/prod_1",
      },
      {
        id: "prod_3",
        name: "Old vase",
        price: money(9900),
        active: false,
        url: "https://market.example.com/products/prod_3",
      },
    ],
    volume: [
      { currency: "usd", orders: 3, gross: money(7500), refunded: money(1250) },
      { currency: "eur", orders: 1, gross: money(2000, "eur"), refunded: money(0, "eur") },
    ],
  };
}
