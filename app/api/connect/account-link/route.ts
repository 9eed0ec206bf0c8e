import { requestUser, requireRole } from "@/lib/auth";
import { ACCOUNT_LINK_PATH, createOnboardingLinkForSeller } from "@/lib/connect/account-links";
import { env } from "@/lib/env";
import { methodNotAllowed, route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** The link gives access to the seller's details: keep it out of caches and Referer headers. */
const PRIVATE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

/**
 * Hosted onboarding fallback, and the Account Link's refresh_url: every visit makes a fresh link for
 * the session user and redirects their browser to it. Query parameters are ignored (an account named
 * there is never used). Anonymous visitors are sent to sign in and come back here.
 */
export const GET = route("connect.account_link", async (req) => {
  const user = await requestUser(req);
  if (!user) {
    const signIn = new URL("/sign-in", env.APP_URL);
    signIn.searchParams.set("callbackUrl", ACCOUNT_LINK_PATH);
    return new Response(null, { status: 303, headers: { ...PRIVATE, Location: signIn.toString() } });
  }
  const url = await createOnboardingLinkForSeller(requireRole(user, "seller", "account_link"));
  return new Response(null, { status: 303, headers: { ...PRIVATE, Location: url } });
});

export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
