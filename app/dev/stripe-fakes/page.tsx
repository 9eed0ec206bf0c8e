import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CONNECT_FAKE_COMPONENTS } from "@/components/dev/stripe-fakes-api";
import { ConnectHarness } from "@/components/dev/stripe-fakes-connect";
import { PaymentHarness, PaymentReturn } from "@/components/dev/stripe-fakes-payment";
import { env } from "@/lib/env";
import { stripeFakesPageEnabled } from "./enabled";

/**
 * Offline-only test page for the emulator's fake Stripe.js and Connect.js, driven by
 * e2e/stripe-fakes.spec.ts. It uses the real loaders and React wrappers, exactly as the app does.
 *
 * ?view=payment&flow=intent|deferred&stripeAccount=1|0&redirect=always|if_required
 * ?view=connect&session=all|limited|expired&seeded=1&components=payouts,payments
 * ?view=return (the return_url of a redirecting payment)
 */
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Stripe fakes", robots: { index: false } };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function StripeFakesPage({ searchParams }: { searchParams: Promise<Search> }) {
  if (!stripeFakesPageEnabled()) notFound();
  const sp = await searchParams;
  const view = one(sp.view);
  const pk = env.stripePublishableKey;

  if (view === "payment") {
    return (
      <div className="mx-auto max-w-lg space-y-4">
        <h1 className="text-2xl font-semibold">Fake Stripe.js: Payment Element</h1>
        <PaymentHarness
          publishableKey={pk}
          flow={one(sp.flow) === "deferred" ? "deferred" : "intent"}
          withStripeAccount={one(sp.stripeAccount) !== "0"}
          redirect={one(sp.redirect) === "if_required" ? "if_required" : "always"}
        />
      </div>
    );
  }
  if (view === "return") {
    return (
      <div className="mx-auto max-w-lg space-y-4">
        <h1 className="text-2xl font-semibold">Payment return</h1>
        <p>
          PaymentIntent <span data-testid="returned-payment-intent">{one(sp.payment_intent)}</span>
        </p>
        <PaymentReturn
          publishableKey={pk}
          account={one(sp.account)}
          redirectStatus={one(sp.redirect_status)}
          clientSecret={one(sp.payment_intent_client_secret)}
        />
      </div>
    );
  }
  if (view === "connect") {
    const session = one(sp.session);
    const requested = (one(sp.components) ?? "").split(",").filter(Boolean);
    const components = requested.length
      ? CONNECT_FAKE_COMPONENTS.filter((c) => requested.includes(c))
      : [...CONNECT_FAKE_COMPONENTS];
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Fake Connect.js: embedded components</h1>
        <ConnectHarness
          publishableKey={pk}
          session={session === "limited" || session === "expired" ? session : "all"}
          components={components}
          seeded={one(sp.seeded) === "1"}
        />
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Stripe fakes (offline)</h1>
      <ul className="list-disc pl-6">
        <li>
          <Link href="/dev/stripe-fakes?view=payment">Payment Element, direct charge</Link>
        </li>
        <li>
          <Link href="/dev/stripe-fakes?view=payment&stripeAccount=0">
            Payment Element without stripeAccount (fails)
          </Link>
        </li>
        <li>
          <Link href="/dev/stripe-fakes?view=connect&seeded=1">Connect embedded components</Link>
        </li>
      </ul>
    </div>
  );
}
