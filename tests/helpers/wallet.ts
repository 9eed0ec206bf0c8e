import type { User } from "@/db/schema";
import { finishCardSetup, type SavedCard } from "@/lib/wallet/cards";
import { platformCustomerFor } from "@/lib/wallet/customers";
import { testStripe } from "./emulator";

/*
 * Saved cards for tests: what the Payment Element and confirmSetup do in the browser, done through the
 * real SDK against the emulator (a SetupIntent on the buyer's platform Customer, confirmed with a test
 * card), then recorded by the app's own finishCardSetup.
 */

/** Saves test card `paymentMethod` (pm_card_visa, pm_card_authenticationRequired...) for `buyer`. */
export async function saveTestCard(
  buyer: Pick<User, "id" | "email" | "name">,
  paymentMethod = "pm_card_visa",
): Promise<SavedCard> {
  const customer = await platformCustomerFor(buyer);
  const intent = await testStripe().setupIntents.create({
    customer,
    usage: "on_session",
    allowed_payment_method_types: ["card"],
    payment_method: paymentMethod,
    confirm: true,
    return_url: "https://shop.test/account/payment-methods",
  });
  if (intent.status !== "succeeded") throw new Error(`SetupIntent ${intent.id} is ${intent.status}`);
  return finishCardSetup(buyer, intent.id);
}
