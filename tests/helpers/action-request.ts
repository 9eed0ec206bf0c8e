import type { User } from "@/db/schema";
import { randomIp } from "./browser-request";
import { sessionCookie } from "./session";

/*
 * Server actions run outside Next's request scope in tests. `next/headers` then hands them the session
 * cookie of the caller under test (the real next-auth code decodes it), and `next/cache` records what
 * would be revalidated. Only these two Next modules are replaced; the database and Stripe are real.
 *
 *   vi.mock("next/headers", async () => (await import("@/tests/helpers/action-request")).nextHeadersMock());
 *   vi.mock("next/cache", async () => (await import("@/tests/helpers/action-request")).nextCacheMock());
 */

type Caller = Pick<User, "id" | "role" | "email" | "name"> | null;

const request = { cookie: "", ip: "" };
/** Paths passed to revalidatePath, and `tag:<tag>` for revalidateTag, since the last actAs() began. */
export const revalidated: string[] = [];

export function nextHeadersMock() {
  const jar = () => {
    const eq = request.cookie.indexOf("=");
    const all = request.cookie
      ? [{ name: request.cookie.slice(0, eq), value: request.cookie.slice(eq + 1) }]
      : [];
    return {
      get: (name: string) => all.find((c) => c.name === name),
      getAll: () => all,
      has: (name: string) => all.some((c) => c.name === name),
      set: () => undefined,
      delete: () => undefined,
    };
  };
  // next-auth assumes https when no protocol is forwarded, and then reads the __Secure- cookie only:
  // say http, as on a local dev server, so the plain session cookie from sessionCookie() is the one read.
  const base = { host: "localhost:3000", "x-forwarded-proto": "http" };
  return {
    headers: () =>
      Promise.resolve(
        new Headers({
          ...base,
          "x-forwarded-for": request.ip,
          ...(request.cookie ? { cookie: request.cookie } : {}),
        }),
      ),
    cookies: () => Promise.resolve(jar()),
  };
}

export function nextCacheMock() {
  return {
    revalidatePath: (path: string) => {
      revalidated.push(path);
    },
    revalidateTag: (tag: string) => {
      revalidated.push(`tag:${tag}`);
    },
  };
}

/**
 * Runs a server action as `caller` (null: anonymous), from `ip` (X-Forwarded-For as Next sets it; by
 * default a fresh address per call, so the per-address throttles of one test never meet another's).
 */
export async function actAs<T>(
  caller: Caller,
  run: () => Promise<T>,
  { ip = randomIp() }: { ip?: string } = {},
): Promise<T> {
  request.cookie = caller ? await sessionCookie(caller) : "";
  request.ip = ip;
  revalidated.length = 0;
  try {
    return await run();
  } finally {
    request.cookie = "";
  }
}

/** What an action did: its returned state, or the path it redirected to (redirect() throws). */
export async function settle<T>(action: Promise<T>): Promise<{ state?: T; redirect?: string }> {
  try {
    return { state: await action };
  } catch (error) {
    // The digest reads "NEXT_REDIRECT;<replace|push>;<url>;<status>;".
    const digest = String((error as { digest?: unknown }).digest);
    if (digest.startsWith("NEXT_REDIRECT")) return { redirect: digest.split(";")[2] };
    throw error;
  }
}

export function formData(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}
