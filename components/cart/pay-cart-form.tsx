"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ReceiptEmail } from "@/components/checkout/receipt-email";
import type { Action, ActionState } from "@/lib/actions";
import { formatMoney } from "@/lib/money";

/**
 * Pays the whole cart on Stripe's Checkout page. The total shown is sent back: the server charges only if
 * it is still the cart's total. A guest gives the receipt email here; it stays as typed after an error.
 */
export function PayCartForm({
  payCart,
  checkoutKey,
  total,
  currency,
  email,
}: {
  payCart: Action<ActionState<{ email: string }>>;
  checkoutKey: string;
  total: number;
  currency: string;
  /** The signed-in buyer's; null asks a guest for one. */
  email: string | null;
}) {
  const [state, action, pending] = useActionState<ActionState<{ email: string }> | undefined, FormData>(
    payCart,
    undefined,
  );
  const [typed, setTyped] = useState("");
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="checkoutKey" value={checkoutKey} />
      <input type="hidden" name="shownTotal" value={total} />
      <input type="hidden" name="shownCurrency" value={currency} />
      <ReceiptEmail
        email={email}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        errors={state?.fieldErrors?.email}
      />
      {state?.ok === false && !state.fieldErrors?.email ? <Alert tone="error">{state.message}</Alert> : null}
      <Button type="submit" className="w-full sm:w-auto" pending={pending}>
        {pending ? "Opening Stripe Checkout…" : `Pay ${formatMoney(total, currency)} with Stripe Checkout`}
      </Button>
      <p className="text-xs text-slate-500">
        One payment for every seller in your cart, on Stripe&apos;s secure page. Each seller receives their
        items&apos; price minus the marketplace&apos;s fee.
      </p>
    </form>
  );
}
