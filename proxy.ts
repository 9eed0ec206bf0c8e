import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { authConfig } from "@/lib/auth.config";
import { env } from "@/lib/env";
import { contentSecurityPolicy, newNonce } from "@/lib/security/csp";

/*
 * Every page request: a fresh CSP nonce (Next puts it on its own scripts when it finds the policy in the
 * request headers), and for the protected areas the first auth gate. The gate is only the first one:
 * pages, route handlers and actions check the user and role again on the server.
 */
const authGate = NextAuth({ ...authConfig, secret: env.authSecret }).auth as unknown as (
  request: NextRequest,
  event: NextFetchEvent,
) => Promise<Response>;

const PROTECTED = /^\/(dashboard|admin|orders|account)(\/|$)/;

const emulatorOrigin = env.stripeMode === "offline" ? new URL(env.emulatorPublicUrl).origin : null;

export default async function proxy(request: NextRequest, event: NextFetchEvent): Promise<Response> {
  const nonce = newNonce();
  const policy = contentSecurityPolicy({
    nonce,
    emulatorOrigin,
    development: env.NODE_ENV === "development",
    https: env.APP_URL.startsWith("https://"),
  });
  // Prefetches skip the auth gate: next-auth re-issues the session cookie on every request it sees, and
  // a prefetch still in flight while the user signs out would put the cookie back. The page itself still
  // checks the user on the server when it is really rendered.
  const prefetch =
    request.headers.has("next-router-prefetch") || request.headers.get("purpose") === "prefetch";
  const gate = PROTECTED.test(request.nextUrl.pathname) && !prefetch ? await authGate(request, event) : null;
  if (gate?.headers.has("location")) {
    gate.headers.set("Content-Security-Policy", policy);
    return gate; // signed out: to sign-in
  }
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  for (const cookie of gate?.headers.getSetCookie() ?? []) response.headers.append("Set-Cookie", cookie);
  return response;
}

// Pages only: static files, images and route handlers (JSON, no scripts) keep next.config.ts's headers.
export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
