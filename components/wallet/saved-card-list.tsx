"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { Action, ActionState } from "@/lib/actions";
import type { SavedCard } from "@/lib/wallet/cards";
import { cardLabel } from "@/lib/wallet/card-label";

/** The buyer's saved cards, each with "Make default" and "Remove" (which asks to confirm first). */
export function SavedCardList({
  cards,
  setDefault,
  remove,
}: {
  cards: SavedCard[];
  setDefault: Action<ActionState>;
  remove: Action<ActionState>;
}) {
  if (cards.length === 0)
    return (
      <p className="text-sm text-slate-600" data-testid="no-saved-cards">
        No saved cards yet. Add one here, or tick &ldquo;Save this card&rdquo; when you pay.
      </p>
    );
  return (
    <ul className="divide-y divide-slate-100" aria-label="Saved cards">
      {cards.map((card) => (
        <CardRow key={card.id} card={card} setDefault={setDefault} remove={remove} />
      ))}
    </ul>
  );
}

function CardRow({
  card,
  setDefault,
  remove,
}: {
  card: SavedCard;
  setDefault: Action<ActionState>;
  remove: Action<ActionState>;
}) {
  const [defaultState, defaultAction, settingDefault] = useActionState<ActionState | undefined, FormData>(
    setDefault,
    undefined,
  );
  const [removeState, removeAction, removing] = useActionState<ActionState | undefined, FormData>(
    remove,
    undefined,
  );
  const [confirming, setConfirming] = useState(false);
  const label = cardLabel(card);
  const state = removeState ?? defaultState;
  return (
    <li className="space-y-2 py-3" data-testid="saved-card">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm font-medium text-slate-900">
          {label}
          {card.isDefault ? (
            <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700">
              Default
            </span>
          ) : null}
        </p>
        <div className="flex flex-wrap gap-2">
          {card.isDefault ? null : (
            <form action={defaultAction}>
              <input type="hidden" name="paymentMethodId" value={card.id} />
              <Button
                type="submit"
                variant="secondary"
                pending={settingDefault}
                className="px-3 py-1 text-xs"
              >
                Make default<span className="sr-only"> {label}</span>
              </Button>
            </form>
          )}
          {confirming ? null : (
            <Button
              type="button"
              variant="ghost"
              className="px-3 py-1 text-xs"
              onClick={() => setConfirming(true)}
            >
              Remove<span className="sr-only"> {label}</span>
            </Button>
          )}
        </div>
      </div>
      {confirming ? (
        <form action={removeAction} className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="paymentMethodId" value={card.id} />
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="confirm" value="on" />
            Remove {label}: it can no longer be used to pay.
          </label>
          <Button type="submit" variant="danger" pending={removing} className="px-3 py-1 text-xs">
            Remove card
          </Button>
          <Button
            type="button"
            variant="ghost"
            className="px-3 py-1 text-xs"
            onClick={() => setConfirming(false)}
          >
            Keep it
          </Button>
        </form>
      ) : null}
      <div aria-live="polite">
        {state?.message ? <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      </div>
    </li>
  );
}
