/**
 * When the realtime hints listen: until the window's end (or for the whole wait), and only
 * while the page is visible. A hidden page needs no hint (react-query reads status again when it
 * shows), and a closed socket costs the payer's phone nothing meanwhile.
 */

/** The part of `document` the window watches. */
export interface VisibilitySource {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: "visibilitychange", listener: () => void): void;
  removeEventListener(type: "visibilitychange", listener: () => void): void;
}

export interface ListenWindowOptions {
  /** When listening ends (ms since epoch), or null: not before `dispose`. */
  endsAt: number | null;
  /** Absent outside a browser: then the page counts as visible. */
  visibility: VisibilitySource | undefined;
  /** Called with true when listening should start, false when it should stop. */
  onChange: (listening: boolean) => void;
  now?: () => number;
}

/** Watches the window; answers `dispose`, which stops watching without calling `onChange`. */
export function watchListenWindow(options: ListenWindowOptions): () => void {
  const { endsAt, visibility, onChange, now = Date.now } = options;
  let listening = false;
  let over = endsAt !== null && endsAt <= now();
  let disposed = false;

  const update = () => {
    if (disposed) return;
    const next = !over && visibility?.visibilityState !== "hidden";
    if (next === listening) return;
    listening = next;
    onChange(next);
  };

  const timer =
    endsAt !== null && !over
      ? setTimeout(() => {
          over = true;
          update();
        }, endsAt - now())
      : undefined;
  visibility?.addEventListener("visibilitychange", update);
  update();

  return () => {
    disposed = true;
    if (timer !== undefined) clearTimeout(timer);
    visibility?.removeEventListener("visibilitychange", update);
  };
}
