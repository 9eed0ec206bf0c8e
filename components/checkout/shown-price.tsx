"use client";

import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import { formatMoney } from "@/lib/money";
import type { CheckoutPrice } from "@/lib/payments/checkout-rules";

/*
 * The price the checkout page shows, in one place: the order summary, the Pay button and the
 * Payment Element all read it, the form sends it back with the submit, and when the server answers
 * that the price changed, the form replaces it here so every one of them shows the new price.
 */

interface ShownPriceState {
  price: CheckoutPrice;
  setPrice: (price: CheckoutPrice) => void;
}

const ShownPriceContext = createContext<ShownPriceState | null>(null);

export function ShownPriceProvider({ initial, children }: { initial: CheckoutPrice; children: ReactNode }) {
  const [price, setPrice] = useState(initial);
  const value = useMemo(() => ({ price, setPrice }), [price]);
  return <ShownPriceContext.Provider value={value}>{children}</ShownPriceContext.Provider>;
}

export function useShownPrice(): ShownPriceState {
  const state = useContext(ShownPriceContext);
  if (!state) throw new Error("useShownPrice() needs a <ShownPriceProvider> around it");
  return state;
}

/** The unit price or the total, as currently shown. */
export function ShownMoney({ of }: { of: "unitAmount" | "amount" }) {
  const { price } = useShownPrice();
  return <>{formatMoney(price[of], price.currency)}</>;
}
