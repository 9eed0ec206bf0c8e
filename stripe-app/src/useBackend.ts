import { useCallback, useEffect, useRef, useState } from "react";
import {
  callBackend,
  type AnswerOf,
  type AppRoute,
  type BackendError,
  type PayloadOf,
  type RequestContext,
} from "./api";

export type LoadState<T> =
  | { status: "loading" }
  | { status: "loaded"; data: T; refreshing: boolean }
  | { status: "failed"; httpStatus: number; error: BackendError };

/**
 * Loads one route's answer when the view opens and again on `reload()`. While reloading, the last answer
 * stays on screen (`refreshing`), so what a person was reading does not flash away. `payload` null: no
 * request (the page has no object to ask about).
 */
export function useBackend<R extends AppRoute>(
  context: RequestContext,
  route: R,
  payload: PayloadOf<R> | null,
): { state: LoadState<AnswerOf<R>>; reload: () => void } {
  const [state, setState] = useState<LoadState<AnswerOf<R>>>({ status: "loading" });
  const [generation, setGeneration] = useState(0);
  // The latest context and payload, read by the effect below; it runs again only when what it sends changes.
  const latest = useRef({ context, payload });
  useEffect(() => {
    latest.current = { context, payload };
  });
  const loadedKey = useRef<string | null>(null);
  const key = JSON.stringify([
    route,
    payload,
    context.environment.mode,
    context.environment.constants ?? null,
    context.userContext?.id ?? null,
    context.userContext?.account?.id ?? null,
  ]);

  useEffect(() => {
    const { context: current, payload: body } = latest.current;
    if (body === null) return;
    let live = true;
    // Same request again (reload): keep the last answer on screen. Another object: start afresh.
    const again = loadedKey.current === key;
    setState((previous) =>
      again && previous.status === "loaded" ? { ...previous, refreshing: true } : { status: "loading" },
    );
    void callBackend(current, route, body).then((result) => {
      if (!live) return;
      loadedKey.current = key;
      setState(
        result.ok
          ? { status: "loaded", data: result.data, refreshing: false }
          : { status: "failed", httpStatus: result.status, error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [key, route, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { state, reload };
}
