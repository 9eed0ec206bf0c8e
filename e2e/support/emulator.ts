/** The emulator scripts/e2e-server.ts started for this Playwright run. */
export const EMULATOR_URL = `http://127.0.0.1:${process.env.E2E_EMULATOR_PORT ?? "12112"}`;

export async function control<T = unknown>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${EMULATOR_URL}/_emulator${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`emulator ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Whether every webhook the emulator has sent so far reached the app (none waiting, held or in flight). */
export async function webhooksSettled(): Promise<boolean> {
  const { data } = await control<{ data: { status: string }[] }>("/deliveries");
  return data.every((d) => d.status === "succeeded" || d.status === "failed");
}
