"use client";

import { useState } from "react";
import type { WalletActions } from "@/components/wallet/save-card";
import type { SavedCard } from "@/lib/wallet/cards";
import { cardLabel } from "@/lib/wallet/card-label";
import { CheckoutPanel, type CheckoutPanelProps } from "./checkout-panel";
import { SaveAndPay } from "./save-and-pay";
import { SavedCardPay } from "./saved-card-pay";

const NEW_CARD = "new";

/**
 * A signed-in buyer chooses one of their saved cards (the default first) or a new card, which they may
 * save for next time; a guest gets the card form alone. Every choice pays the same order (the same
 * checkout key): a declined saved card can be followed by a new one without a second order.
 */
export function PaymentChoice({
  savedCards,
  wallet,
  ...props
}: CheckoutPanelProps & {
  savedCards: SavedCard[];
  /** Signed-in buyers only: saving a card needs an account to keep it on. */
  wallet: WalletActions | null;
}) {
  const [choice, setChoice] = useState(savedCards[0]?.id ?? NEW_CARD);
  const [save, setSave] = useState(false);
  const chosen = savedCards.find((card) => card.id === choice);
  const newCard = wallet ? (
    <div className="space-y-4">
      <label className="flex items-start gap-2 text-sm text-slate-800">
        <input
          type="checkbox"
          className="mt-0.5"
          checked={save}
          onChange={(event) => setSave(event.target.checked)}
        />
        <span>
          Save this card for next time
          <span className="block text-xs text-slate-500">
            Pay any seller with it in one click. Stripe keeps it, not us; remove it any time.
          </span>
        </span>
      </label>
      {save ? <SaveAndPay {...props} wallet={wallet} /> : <CheckoutPanel {...props} />}
    </div>
  ) : (
    <CheckoutPanel {...props} />
  );
  if (savedCards.length === 0) return newCard;
  return (
    <div className="space-y-5">
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">Pay with</legend>
        {savedCards.map((card) => (
          <label key={card.id} className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="radio"
              name="payWith"
              value={card.id}
              checked={choice === card.id}
              onChange={() => setChoice(card.id)}
            />
            {cardLabel(card)}
            {card.isDefault ? <span className="text-xs text-slate-500">(default)</span> : null}
          </label>
        ))}
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="radio"
            name="payWith"
            value={NEW_CARD}
            checked={choice === NEW_CARD}
            onChange={() => setChoice(NEW_CARD)}
          />
          A new card
        </label>
      </fieldset>
      {chosen ? (
        <SavedCardPay {...props} paymentMethodId={chosen.id} cardLabel={cardLabel(chosen)} />
      ) : (
        newCard
      )}
    </div>
  );
}
