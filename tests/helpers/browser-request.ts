/*
 * For tests of the sign-in, sign-up and sign-out actions: server actions run outside Next's request scope
 * in tests, so `next/headers` is replaced by one browser's request (its cookies and client address) and
 * the cookies the action sets are kept in that browser, as a real one would keep them.
 *
 *   vi.mock("next/headers", async () => (await import("@/tests/helpers/browser-request")).nextHeadersMock());
 *
 * The database, next-auth and bcrypt stay real.
 */

export const browser = {
  /** The client address Next would put in X-Forwarded-For (empty: none). */
  ip: "",
  /** Cookies the browser holds (name → value); actions' cookies().set() land here. */
  jar: new Map<string, string>(),
};

/** A fresh browser (no cookies) at `ip`. */
export function newBrowser(ip: string) {
  browser.ip = ip;
  browser.jar.clear();
}

export function cookieHeader(jar: Map<string, string> = browser.jar): string {
  return [...jar]
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");
}

/** A random private address, so tests (and test files sharing a PostgreSQL database) never share one. */
export function randomIp(): string {
  const byte = () => Math.floor(Math.random() * 256);
  return `10.${byte()}.${byte()}.${byte()}`;
}

export function nextHeadersMock() {
  const jar = () => ({
    get: (name: string) => (browser.jar.get(name) ? { name, value: browser.jar.get(name)! } : undefined),
    getAll: () =>
      [...browser.jar].filter(([, value]) => value !== "").map(([name, value]) => ({ name, value })),
    has: (name: string) => Boolean(browser.jar.get(name)),
    set: (name: string, value: string) => void browser.jar.set(name, value),
    delete: (name: string) => void browser.jar.delete(name),
  });
  return {
    // next-auth assumes https when no protocol is forwarded; a local server says http.
    headers: () => {
      const h = new Headers({ host: "localhost:3000", "x-forwarded-proto": "http" });
      if (browser.ip) h.set("x-forwarded-for", browser.ip);
      const cookie = cookieHeader();
      if (cookie) h.set("cookie", cookie);
      return Promise.resolve(h);
    },
    cookies: () => Promise.resolve(jar()),
  };
}
