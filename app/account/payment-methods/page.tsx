import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { AddCardForm } from "@/components/wallet/add-card-form";
import { SavedCardList } from "@/components/wallet/saved-card-list";
import { pageUser } from "@/lib/auth";
import { env } from "@/lib/env";
import { isAppError, publicMessage } from "@/lib/errors";
import { firstParam } from "@/lib/params";
import { finishCardSetup, listSavedCards, type SavedCard } from "@/lib/wallet/cards";
import { cardLabel } from "@/lib/wallet/card-label";
import {
  finishCardSetupAction,
  removeCardAction,
  setDefaultCardAction,
  startCardSetupAction,
} from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Payment methods" };

/** Back from a bank's page (a card setup that needed a redirect): Stripe appends the SetupIntent's id. */
async function returnedSetup(buyer: Parameters<typeof finishCardSetup>[0], setupIntent: string | undefined) {
  if (!setupIntent) return null;
  try {
    return { ok: true, message: `Saved ${cardLabel(await finishCardSetup(buyer, setupIntent))}.` };
  } catch (error) {
    return { ok: false, message: isAppError(error) ? error.message : publicMessage(error) };
  }
}

/** The buyer's saved cards (on Stripe, under their platform Customer): add, make default, remove. */
export default async function PaymentMethodsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const buyer = await pageUser("buyer", "/account/payment-methods");
  const returned = await returnedSetup(buyer, firstParam((await searchParams).setup_intent));
  let cards: SavedCard[] = [];
  let unavailable: string | null = null;
  try {
    cards = await listSavedCards(buyer);
  } catch (error) {
    unavailable = isAppError(error) ? error.message : publicMessage(error);
  }
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <Link href="/account" prefetch={false} className="text-sm text-brand-700 underline">
          ← Your account
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">Payment methods</h1>
        <p className="text-sm text-slate-600">
          Cards you save here are offered at checkout with every seller: pay in one click.
        </p>
      </div>
      {returned ? <Alert tone={returned.ok ? "success" : "error"}>{returned.message}</Alert> : null}
      <Card title="Saved cards">
        {unavailable ? (
          <Alert tone="error">{unavailable}</Alert>
        ) : (
          <SavedCardList cards={cards} setDefault={setDefaultCardAction} remove={removeCardAction} />
        )}
      </Card>
      <Card title="Add a card">
        <AddCardForm
          publishableKey={env.stripePublishableKey}
          stripeJsUrl={env.stripeJsUrl}
          currency="usd"
          startSetup={startCardSetupAction}
          finishSetup={finishCardSetupAction}
        />
      </Card>
    </div>
  );
}
