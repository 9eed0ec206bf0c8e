/**
 * Loads a classic `<script src>` once per URL and resolves when it has run. Used where Stripe's own
 * loaders would fetch js.stripe.com / connect-js.stripe.com, when the server names another source for
 * those libraries (offline: the Stripe emulator's stand-ins). `@stripe/stripe-js/pure` and
 * `@stripe/connect-js/pure` then find `window.Stripe` / `window.StripeConnect` already defined.
 */
const loads = new Map<string, Promise<void>>();

export function loadScriptOnce(src: string): Promise<void> {
  let load = loads.get(src);
  if (!load) {
    load = new Promise<void>((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.addEventListener("load", () => resolve());
      script.addEventListener("error", () => reject(new Error(`Could not load ${src}`)));
      document.head.appendChild(script);
    });
    // A failed load (server down) must not stick: the next attempt adds a fresh script element.
    load.catch(() => loads.delete(src));
    loads.set(src, load);
  }
  return load;
}
