import { useCallback, useEffect, useReducer, useRef } from "react";

/** How long the return page has been waiting in the source's current state. */
export interface PollWindow {
  /** The source it is for (`ORDER:42`). */
  key: string;
  /** The source state it waits in (null before the first answer). */
  state: string | null;
  /** When this hook first asked about the source. */
  firstSeenAt: number;
  /** When the wait in `state` began (or "Check again" was pressed). */
  startedAt: number;
}

/**
 * The next window: a new state starts when its answer came (not when React rendered it, which
 * may be later), never before the hook first saw the source, so an old cached answer does not
 * start it in the past.
 */
export function nextWindow(
  current: PollWindow | null,
  key: string,
  state: string | null,
  answeredAt: number,
): PollWindow {
  const firstSeenAt = current && current.key === key ? current.firstSeenAt : Date.now();
  const startedAt = state === null ? firstSeenAt : Math.max(firstSeenAt, answeredAt);
  return { key, state, firstSeenAt, startedAt };
}

/**
 * The polling window, in a ref: react-query's `refetchInterval` sees every answer as it lands,
 * and a render may see several at once (React 18 batches), so both read and move the one
 * window through `windowFor`, which is idempotent for a given answer.
 */
export function usePollWindow() {
  const windowRef = useRef<PollWindow | null>(null);
  const [, rerender] = useReducer((count: number) => count + 1, 0);

  const windowFor = useCallback((key: string, state: string | null, answeredAt: number) => {
    const current = windowRef.current;
    if (current && current.key === key && current.state === state) return current;
    const next = nextWindow(current, key, state, answeredAt);
    windowRef.current = next;
    return next;
  }, []);

  /** "Check again": the wait starts now. */
  const restart = useCallback(() => {
    const current = windowRef.current;
    if (current) windowRef.current = { ...current, startedAt: Date.now() };
    rerender();
  }, []);

  return { windowFor, restart, rerender };
}

/** Re-renders once at `deadline` (ms since epoch), so words follow time without a ticking clock. */
export function useWakeAt(deadline: number | null, wake: () => void): void {
  useEffect(() => {
    if (deadline === null) return;
    const timer = setTimeout(wake, Math.max(0, deadline - Date.now()));
    return () => clearTimeout(timer);
  }, [deadline, wake]);
}
