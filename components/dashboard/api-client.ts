/** Browser-side calls to our own /api/connect routes: the body is empty, ownership is the session's. */
export async function postConnect<T>(path: string): Promise<T> {
  const res = await fetch(path, { method: "POST", headers: { accept: "application/json" } });
  const body = (await res.json().catch(() => ({}))) as T & { error?: { message?: string } };
  if (!res.ok)
    throw new Error(body.error?.message ?? `Something went wrong (HTTP ${res.status}). Please try again.`);
  return body;
}
