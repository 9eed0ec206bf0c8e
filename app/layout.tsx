import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import { env } from "@/lib/env";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Connect Market", template: "%s · Connect Market" },
  description: "A marketplace where independent sellers get paid through Stripe Connect.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  const offline = env.stripeMode === "offline";
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <SiteHeader />
        {offline ? (
          <p className="bg-amber-100 px-4 py-1 text-center text-xs text-amber-900">
            Offline test mode: payments and accounts run against the local Stripe emulator.
          </p>
        ) : null}
        <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
