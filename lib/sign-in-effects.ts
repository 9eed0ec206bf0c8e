import { cookies, headers } from "next/headers";
import {
  KNOWN_DEVICE_COOKIE,
  KNOWN_DEVICE_MAX_AGE,
  parseKnownDevices,
  withKnownDevice,
} from "@/lib/auth-throttle";
import { adoptGuestCart } from "@/lib/cart/cart";
import { secureCookieFor } from "@/lib/http";

/*
 * What a successful sign-in does to the browser besides the session (lib/auth.ts calls these): the
 * known-device mark the sign-in throttle trusts, and the guest cart joining the user's. Neither may undo
 * the sign-in: a failure is logged and the sign-in stands.
 */

/** Remembers this browser as one that signed in to `email` (see lib/auth-throttle.ts). */
export async function rememberDevice(email: string): Promise<void> {
  try {
    const jar = await cookies();
    const secure = secureCookieFor(await headers());
    jar.set(
      KNOWN_DEVICE_COOKIE,
      withKnownDevice(parseKnownDevices(jar.get(KNOWN_DEVICE_COOKIE)?.value), email),
      {
        httpOnly: true,
        sameSite: "lax",
        secure,
        path: "/",
        maxAge: KNOWN_DEVICE_MAX_AGE,
      },
    );
  } catch (error) {
    // Outside a server action or route handler cookies cannot be set; the sign-in itself stands.
    console.warn("[auth] known-device cookie not set:", error instanceof Error ? error.message : error);
  }
}

/** Joins the guest cart of this browser to the user who just signed in. */
export async function adoptCartOnSignIn(userId: string): Promise<void> {
  try {
    await adoptGuestCart(userId);
  } catch (error) {
    // The sign-in stands; the guest cart stays in its cookie and joins at the next sign-in.
    console.warn("[auth] guest cart not merged:", error instanceof Error ? error.message : error);
  }
}
