import { routeUser } from "@/lib/auth";
import { env } from "@/lib/env";
import { completeOAuth } from "@/lib/connect/oauth";
import { OAUTH_STATE_COOKIE, readCookie, stateCookieHeader } from "@/lib/connect/oauth-state";
import { methodNotAllowed, route } from "@/lib/http";

export const dynamic = "force-dynamic";

/**
 * Where Stripe sends the seller back. Checks `state` against the session-bound cookie, exchanges the
 * code, stores the account for the session user, and shows the outcome on the dashboard. The state
 * cookie is single-use: cleared whatever happened.
 */
export const GET = route("connect.oauth_callback", async (req) => {
  const url = new URL(req.url);
  const param = (name: string) => url.searchParams.get(name) ?? undefined;
  const seller = await routeUser(req, "seller", "oauth");
  const outcome = await completeOAuth(seller, {
    code: param("code"),
    state: param("state"),
    error: param("error"),
    cookieValue: readCookie(req.headers.get("cookie"), OAUTH_STATE_COOKIE),
  });
  const target = new URL("/dashboard", env.APP_URL);
  target.searchParams.set("connect", outcome);
  return new Response(null, {
    status: 303,
    headers: {
      Location: target.toString(),
      "Set-Cookie": stateCookieHeader(null, url.protocol === "https:"),
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
});

export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
