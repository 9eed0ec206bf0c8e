/**
 * `next dev` compiles a route on its first request (2–7 s each on 2 cores). After start, this walks the
 * routes a first journey goes through, one at a time, so that the developer's own first clicks find
 * them compiled. Protected pages are requested as prefetches: the proxy lets those through to the page,
 * which compiles and then redirects or refuses on its own.
 */
const PREFETCH = { purpose: "prefetch" };

async function get(url: string, init: RequestInit = {}): Promise<{ status: number; text: string } | null> {
  try {
    const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(120_000), ...init });
    return { status: res.status, text: await res.text() };
  } catch {
    return null;
  }
}

/** Waits for the first 200 of `/`; returns the seconds it took, or null if it never came. */
export async function waitForFirstPage(base: string, timeoutMs = 300_000): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const home = await get(`${base}/`);
    if (home?.status === 200) return (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 500));
  }
  return null;
}

export async function warmRoutes(base: string): Promise<void> {
  const seconds = await waitForFirstPage(base);
  if (seconds === null) return;
  console.log(`✓ ${base} answered in ${seconds.toFixed(1)} s; compiling the main pages in the background…`);
  const started = Date.now();
  const shop = await get(`${base}/shop`);
  const productId = /\/products\/([0-9a-f-]{36})/.exec(shop?.text ?? "")?.[1];
  const pages = [
    "/sign-in",
    "/sign-up",
    ...(productId ? [`/products/${productId}`, `/checkout/${productId}`] : []),
    "/orders",
    "/dashboard",
    "/dashboard/onboarding",
    "/dashboard/products",
    "/dashboard/payments",
    "/dashboard/payouts",
    "/dashboard/settings",
    "/admin",
    "/admin/orders",
    "/admin/sellers",
    "/admin/events",
  ];
  for (const path of pages) await get(`${base}${path}`, { headers: PREFETCH });
  await get(`${base}/api/auth/session`);
  // Unsigned on purpose: refused with 400, but compiled for the first real delivery.
  await get(`${base}/api/webhooks/stripe`, {
    method: "POST",
    body: "{}",
    headers: { "content-type": "application/json" },
  });
  await get(`${base}/api/connect/account-session`, { method: "POST" });
  console.log(`✓ main pages compiled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
