/*
 * What "Charge when I ship" means for a buyer, in one place: the product page's badge and the checkout
 * page's note (beside the total and the Pay button) say the same thing. No hooks: server and client
 * components both render these.
 */

export const CAPTURE_LATER_BADGE = "Charged when it ships";

export const CAPTURE_LATER_CHECKOUT_NOTE =
  "You will be charged when it ships. Your card is authorised now; anything the seller does not ship is released.";

/** The product page's mark for a "charge when I ship" product, with its meaning for whoever asks. */
export function CaptureLaterBadge() {
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700" data-testid="capture-later">
      <span className="inline-flex rounded-full bg-sky-100 px-2 py-0.5 text-xs font-medium text-sky-800">
        {CAPTURE_LATER_BADGE}
      </span>
      <span>Your card is authorised at checkout and charged only for what the seller ships.</span>
    </p>
  );
}

/** The checkout page's note; `id` lets the Pay button point at it with aria-describedby. */
export function CaptureLaterNote({ id, className = "" }: { id?: string; className?: string }) {
  return (
    <p id={id} className={`text-sm text-slate-600 ${className}`} data-testid="capture-later-note">
      {CAPTURE_LATER_CHECKOUT_NOTE}
    </p>
  );
}
