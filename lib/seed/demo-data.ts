/** Demo data for `npm run db:seed`. Credentials are listed in the README. */
export const DEMO_USERS = [
  {
    email: "admin@example.com",
    password: "admin-password-1",
    name: "Ada Admin",
    role: "admin",
    country: "US",
    businessName: null,
  },
  {
    email: "alice@example.com",
    password: "seller-password-1",
    name: "Alice Seller",
    role: "seller",
    country: "US",
    businessName: "Alice's Ceramics",
  },
  {
    email: "bob@example.com",
    password: "seller-password-2",
    name: "Bob Seller",
    role: "seller",
    country: "US",
    businessName: "Bob's Bikes",
  },
  {
    email: "buyer@example.com",
    password: "buyer-password-1",
    name: "Bea Buyer",
    role: "buyer",
    country: "US",
    businessName: null,
  },
] as const;

export const DEMO_PRODUCTS: Record<
  string,
  { name: string; description: string; price: number; currency: string; captureLater?: boolean }[]
> = {
  "alice@example.com": [
    {
      name: "Stoneware mug",
      description: "Hand-thrown, 350 ml, speckled glaze.",
      price: 2800,
      currency: "usd",
    },
    { name: "Serving bowl", description: "Wide bowl for salads and pasta.", price: 6400, currency: "usd" },
    {
      name: "Espresso cups (pair)",
      description: "Two small cups with saucers.",
      price: 3600,
      currency: "usd",
    },
    {
      // "Charge when I ship": buyers are authorised at checkout and charged when alice ships (docs/capture.md).
      name: "Made-to-order planter",
      description: "Thrown when you order it; ships within a week. Charged when it ships.",
      price: 4800,
      currency: "usd",
      captureLater: true,
    },
  ],
  "bob@example.com": [
    {
      name: "Bike tune-up kit",
      description: "Tyre levers, patches, chain lube and a multitool.",
      price: 3900,
      currency: "usd",
    },
    {
      name: "Commuter lights",
      description: "USB rechargeable front and rear lights.",
      price: 4500,
      currency: "usd",
    },
    { name: "Handlebar bag", description: "Waxed canvas, 3 litres.", price: 5200, currency: "usd" },
  ],
};
