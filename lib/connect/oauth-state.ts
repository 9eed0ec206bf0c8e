import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/*
 * The OAuth `state` parameter, bound to the session that started the flow. The browser keeps
 * "nonce.userId.expiry.signature" in an httpOnly cookie; Stripe hands the nonce back as `state`.
 * The callback accepts only if the cookie is ours (HMAC), was issued to the same signed-in user, has
 * not expired, and its nonce equals `state` — so a code minted for someone else's session, a replayed
 * callback or a forged link stores nothing.
 */

export const OAUTH_STATE_COOKIE = "connect_oauth_state";
export const OAUTH_STATE_TTL_SECONDS = 10 * 60;

function sign(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(`connect-oauth-state:${payload}`).digest("base64url");
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function issueOAuthState(input: { userId: string; secret: string; now: number }): {
  state: string;
  cookieValue: string;
} {
  const nonce = randomBytes(24).toString("base64url");
  const payload = `${nonce}.${input.userId}.${input.now + OAUTH_STATE_TTL_SECONDS}`;
  return { state: nonce, cookieValue: `${payload}.${sign(input.secret, payload)}` };
}

export function verifyOAuthState(input: {
  cookieValue: string | undefined;
  state: string | undefined;
  userId: string;
  secret: string;
  now: number;
}): boolean {
  const { cookieValue, state } = input;
  if (!cookieValue || !state) return false;
  const parts = cookieValue.split(".");
  if (parts.length !== 4) return false;
  const [nonce, userId, expires, signature] = parts as [string, string, string, string];
  if (!sameText(signature, sign(input.secret, `${nonce}.${userId}.${expires}`))) return false;
  if (userId !== input.userId) return false;
  if (!/^\d+$/.test(expires) || Number(expires) < input.now) return false;
  return sameText(nonce, state);
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The Set-Cookie value for the state cookie (or its removal), scoped to the OAuth routes only. */
export function stateCookieHeader(value: string | null, secure: boolean): string {
  const attrs = [
    `${OAUTH_STATE_COOKIE}=${value ?? ""}`,
    "Path=/api/connect/oauth",
    "HttpOnly",
    // Lax: the cookie must come along on Stripe's top-level redirect back to the callback.
    "SameSite=Lax",
    `Max-Age=${value === null ? 0 : OAUTH_STATE_TTL_SECONDS}`,
  ];
  if (secure) attrs.push("Secure");
  return attrs.join("; ");
}
