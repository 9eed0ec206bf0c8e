import { routeUser } from "@/lib/auth";
import { startOAuth } from "@/lib/connect/oauth";
import { stateCookieHeader } from "@/lib/connect/oauth-state";
import { methodNotAllowed, route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** "Connect an existing Stripe account": sets the state cookie and sends the seller to Stripe. */
export const GET = route("connect.oauth_start", async (req) => {
  const { url, cookieValue } = await startOAuth(await routeUser(req, "seller", "oauth"));
  const secure = new URL(req.url).protocol === "https:";
  return new Response(null, {
    status: 303,
    headers: {
      Location: url,
      "Set-Cookie": stateCookieHeader(cookieValue, secure),
      "Cache-Control": "no-store",
    },
  });
});

export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
