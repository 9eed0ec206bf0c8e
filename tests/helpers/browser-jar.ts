import type { User } from "@/db/schema";
import { sessionCookie } from "./session";

/*
 * Browsers for server-action tests that need cookies to persist between calls (a guest's cart): each
 * Browser keeps the cookies actions set and delete, and `next/headers` reads the current browser's, with
 * the session cookie of the signed-in caller (the real next-auth code decodes it).
 *
 *   vi.mock("next/headers", async () => (await import("@/tests/helpers/browser-jar")).browserHeadersMock());
 */

export class Browser {
  readonly cookies = new Map<string, { value: string; options: Record<string, unknown> }>();
  user: Pick<User, "id" | "role" | "email" | "name"> | null = null;
}

let current: Browser | null = null;
let session = "";

export function browserHeadersMock() {
  const jar = () => {
    const all = () => {
      const own = [...(current?.cookies.entries() ?? [])].map(([name, c]) => ({ name, value: c.value }));
      if (!session) return own;
      const eq = session.indexOf("=");
      return [{ name: session.slice(0, eq), value: session.slice(eq + 1) }, ...own];
    };
    return {
      get: (name: string) => all().find((c) => c.name === name),
      getAll: all,
      has: (name: string) => all().some((c) => c.name === name),
      set: (name: string, value: string, options: Record<string, unknown> = {}) => {
        current?.cookies.set(name, { value, options });
      },
      delete: (name: string) => {
        current?.cookies.delete(name);
      },
    };
  };
  return {
    headers: () => {
      const cookie = [
        session,
        ...jar()
          .getAll()
          .map((c) => `${c.name}=${c.value}`),
      ]
        .filter(Boolean)
        .join("; ");
      return Promise.resolve(
        new Headers({ host: "localhost:3000", "x-forwarded-proto": "http", ...(cookie ? { cookie } : {}) }),
      );
    },
    cookies: () => Promise.resolve(jar()),
  };
}

/** Runs `run` in `browser`, signed in as its `user` (null: a guest). */
export async function inBrowser<T>(browser: Browser, run: () => Promise<T>): Promise<T> {
  current = browser;
  session = browser.user ? await sessionCookie(browser.user) : "";
  try {
    return await run();
  } finally {
    current = null;
    session = "";
  }
}
