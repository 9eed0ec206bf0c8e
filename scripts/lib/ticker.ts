/**
 * What Vercel Cron does in production, for `npm run dev` and `npm start`: GET /api/cron with the bearer
 * secret every minute. The route decides what is due (and which of several instances runs it); a failed
 * tick is logged and the next one tries again.
 */
export function startCronTicker({
  baseUrl,
  secret,
  trigger,
  everyMs = 60_000,
}: {
  baseUrl: string;
  secret: string;
  trigger: "cron" | "dev";
  everyMs?: number;
}): () => void {
  let busy = false;
  const tick = async () => {
    if (busy) return; // a long reconciliation: never two ticks of ours at once
    busy = true;
    try {
      const res = await fetch(`${baseUrl}/api/cron`, {
        headers: { authorization: `Bearer ${secret}`, "x-cron-trigger": trigger },
        signal: AbortSignal.timeout(10 * 60_000),
      });
      if (!res.ok)
        console.warn(`[cron] /api/cron answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    } catch (error) {
      console.warn(
        `[cron] /api/cron did not answer: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
