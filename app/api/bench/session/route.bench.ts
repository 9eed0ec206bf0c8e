import { getToken } from "next-auth/jwt";
import { userForToken } from "@/lib/auth";
import { env } from "@/lib/env";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

/*
 * Benchmark probe (`npm run bench`, only in NEXT_BENCH=1 builds, like the webhook baseline): what the
 * session check costs each signed-in request. `?check=token` only decodes the session cookie (a JWT);
 * `?check=session` also runs the check every page, action and route handler runs on top of it
 * (userForToken: the user's row and its session_version, so sign-out and password/role changes end
 * copied tokens). The difference between the two is the price of sessions that end.
 */
export const POST = route("bench.session", async (req) => {
  const token = await getToken({
    req,
    secret: env.authSecret,
    secureCookie: new URL(req.url).protocol === "https:",
  });
  if (new URL(req.url).searchParams.get("check") === "token") {
    return Response.json({ signedIn: typeof token?.id === "string" }, { status: token ? 200 : 401 });
  }
  const user = await userForToken(token);
  return Response.json({ signedIn: Boolean(user) }, { status: user ? 200 : 401 });
});
