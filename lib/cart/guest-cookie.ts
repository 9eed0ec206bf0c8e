import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { cookies, headers } from "next/headers";
import { secureCookieFor } from "@/lib/http";

/*
 * A guest's cart is found by a random token in the `cart` cookie (httpOnly, 30 days). Only its SHA-256 is
 * stored (carts.guest_token_hash): a database reader cannot take over a guest's cart with it.
 */

const COOKIE = "cart";
const MAX_AGE = 60 * 60 * 24 * 30;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function hashCartToken(token: string): string {
  return createHash("sha256").update(`cart:${token}`).digest("hex");
}

/** The hash of this browser's cart token, if it has a well-formed one. */
export async function guestCartHash(): Promise<string | null> {
  const token = (await cookies()).get(COOKIE)?.value;
  return token && TOKEN.test(token) ? hashCartToken(token) : null;
}

/** This browser's cart token hash, giving it a token first if it has none (server actions only). */
export async function ensureGuestCartHash(): Promise<string> {
  const known = await guestCartHash();
  if (known) return known;
  const token = randomBytes(32).toString("base64url");
  (await cookies()).set(COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookieFor(await headers()),
    path: "/",
    maxAge: MAX_AGE,
  });
  return hashCartToken(token);
}

/** After the guest cart joined the user's: the browser forgets it. */
export async function forgetGuestCart(): Promise<void> {
  (await cookies()).delete(COOKIE);
}
