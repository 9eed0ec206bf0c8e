/*
 * The 3-D Secure challenge (test card 4000 0025 0000 3155 and friends), for a PaymentIntent or a
 * SetupIntent. Real Stripe.js opens the issuer's page in a modal iframe; the emulator renders an accessible
 * dialog instead and reports the shopper's choice to
 * POST /_emulator/browser/{payment_intents|setup_intents}/:id/authenticate.
 * Part of the fake Stripe.js bundle.
 */
import { formatMoney } from "../../money";
import { emuRequest } from "../common";
import { h, testModeBadge, uid } from "../dom";
import type { AnyIntent, IntentKind, IntentOutcome } from "./intents";
import { stripeEmuShadowHost } from "./styles";
import type { StripeContext } from "./types";

/** What the bank asks the shopper to confirm: a payment of an amount, or saving the card. */
function question(intent: AnyIntent): string {
  if (intent.object === "setup_intent")
    return "Your bank asks you to confirm saving this card for later payments. ";
  const amount = typeof intent.amount === "number" ? formatMoney(intent.amount, intent.currency) : "";
  return `Your bank asks you to confirm this payment${amount ? ` of ${amount}` : ""}. `;
}

/** Resolves { intent } (whatever the outcome) or { error } when the emulator call fails. */
export function runThreeDSChallenge<T extends AnyIntent>(
  ctx: StripeContext,
  kind: IntentKind<T>,
  intent: T,
  clientSecret: string,
): Promise<IntentOutcome<T>> {
  return new Promise((resolve) => {
    const { host, root } = stripeEmuShadowHost(ctx.appearance);
    const titleId = uid("tds-title");
    const descId = uid("tds-desc");
    const status = h("p", { role: "status", "aria-live": "polite" });
    let settled = false;

    const complete = h("button", { type: "button", class: "emu-primary" }, "Complete authentication");
    const fail = h("button", { type: "button", class: "emu-danger" }, "Fail authentication");

    const dialog = h(
      "div",
      {
        class: "emu-dialog",
        role: "dialog",
        "aria-modal": "true",
        "aria-labelledby": titleId,
        "aria-describedby": descId,
      },
      testModeBadge("TEST MODE"),
      h("h2", { id: titleId }, "3D Secure 2 Test Page"),
      h(
        "p",
        { id: descId },
        question(intent) +
          "This is a simulated authentication from the offline Stripe emulator: no real bank is involved.",
      ),
      status,
      h("div", { class: "emu-actions" }, complete, fail),
    );
    root.appendChild(h("div", { class: "emu-overlay" }, dialog));

    async function finish(outcome: "complete" | "fail"): Promise<void> {
      if (settled) return;
      settled = true;
      complete.disabled = true;
      fail.disabled = true;
      status.textContent = outcome === "complete" ? "Authenticating…" : "Failing authentication…";
      const res = await emuRequest<T>(
        ctx.origin,
        "POST",
        `/_emulator/browser/${kind.path}/${intent.id}/authenticate`,
        { headers: ctx.headers(), form: { client_secret: clientSecret, outcome } },
      );
      host.remove();
      document.removeEventListener("keydown", onKey, true);
      if (previousFocus instanceof HTMLElement || previousFocus instanceof SVGElement) previousFocus.focus();
      resolve(res.ok ? { intent: res.body } : { error: res.body.error });
    }

    function onKey(e: KeyboardEvent): void {
      if (e.key === "Escape") {
        // Closing the issuer's page counts as a failed authentication, as with Stripe.js.
        e.preventDefault();
        void finish("fail");
      } else if (e.key === "Tab") {
        // Keep focus inside the modal.
        const order = [complete, fail];
        const current =
          root.activeElement instanceof HTMLButtonElement ? order.indexOf(root.activeElement) : -1;
        e.preventDefault();
        order[(current + (e.shiftKey ? order.length - 1 : 1)) % order.length]?.focus();
      }
    }

    complete.addEventListener("click", () => void finish("complete"));
    fail.addEventListener("click", () => void finish("fail"));
    const previousFocus = document.activeElement;
    document.addEventListener("keydown", onKey, true);
    document.body.appendChild(host);
    complete.focus();
  });
}
