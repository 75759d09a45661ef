import { useEffect, useState } from "react";

/**
 * The current time, ticking every `intervalMs` while `active`. Starts at `initial` so a server
 * render and the first browser render agree (no hydration mismatch); the real time arrives in
 * an effect.
 */
export function useNow(
  active: boolean,
  initial: number,
  intervalMs = 1000,
  read: () => number = Date.now,
): number {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(read());
    if (!active) return;
    const timer = setInterval(() => setNow(read()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, read]);
  return now ?? initial;
}
