import { encode } from "next-auth/jwt";
import type { User } from "@/db/schema";
import { env } from "@/lib/env";

const COOKIE = "authjs.session-token";

/** A real next-auth session cookie for `user` (same secret and salt the app uses), for route handler tests. */
export async function sessionCookie(
  user: Pick<User, "id" | "role" | "email" | "name">,
  secret: string = env.authSecret,
): Promise<string> {
  const token = await encode({
    token: { id: user.id, role: user.role, email: user.email, name: user.name, sub: user.id },
    secret,
    salt: COOKIE,
  });
  return `${COOKIE}=${token}`;
}

/** Builds a Request as the browser would send it, signed in as `user` (or anonymous with null). */
export async function requestAs(
  user: Pick<User, "id" | "role" | "email" | "name"> | null,
  url: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<Request> {
  const headers = new Headers(init.headers);
  if (user) headers.set("cookie", await sessionCookie(user));
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(init.json);
  }
  return new Request(new URL(url, "http://localhost:3000"), { ...init, headers, body });
}
