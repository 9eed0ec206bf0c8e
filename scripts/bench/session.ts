import { combine, drive, type LoadResult, type PreparedRequest } from "./load";

/*
 * The cost of the session check (issue: sessions that end): the same signed-in request against the
 * bench-only probe (app/api/bench/session/route.bench.ts), once decoding the cookie only and once with
 * the session_version check that every signed-in request runs, in alternating rounds.
 */
export const SESSION_PROBE_PATH = "/api/bench/session";
const ROUNDS = 4;

export interface SessionFigures {
  token: LoadResult;
  session: LoadResult;
  /** p50 of the full check minus p50 of decoding only (ms). */
  costP50: number;
}

export async function benchSession(options: {
  baseUrl: string;
  cookie: string;
  requests: number;
  connections: number;
}): Promise<SessionFigures> {
  const requests = (check: "token" | "session", n: number): PreparedRequest[] =>
    Array.from({ length: n }, () => ({
      path: `${SESSION_PROBE_PATH}?check=${check}`,
      headers: { cookie: options.cookie, origin: options.baseUrl },
      body: "",
    }));
  const size = Math.ceil(options.requests / ROUNDS);
  await drive(options.baseUrl, requests("session", 200), options.connections); // warm up
  const token: LoadResult[] = [];
  const session: LoadResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    token.push(await drive(options.baseUrl, requests("token", size), options.connections));
    session.push(await drive(options.baseUrl, requests("session", size), options.connections));
  }
  const t = combine(token);
  const s = combine(session);
  if (t.ok !== t.count || s.ok !== s.count)
    throw new Error(
      `session probe refused requests: ${JSON.stringify({ token: t.statuses, session: s.statuses })}`,
    );
  return { token: t, session: s, costP50: s.p50 - t.p50 };
}
