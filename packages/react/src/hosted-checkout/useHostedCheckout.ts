import { useCallback, useEffect, useRef, useState } from "react";
import { devWarnOnce } from "../internal/dev.ts";
import { useLatest } from "../internal/use-latest.ts";
import { hostedCheckoutMessages } from "../messages.ts";
import { useDollrCheckoutContext } from "../provider/context.ts";
import { checkPageUrl } from "./page-url.ts";

/**
 * Where the button stands (`data-state`):
 * - `waiting`: no `url` yet (your server is still creating the checkout);
 * - `ready`: the link passed the checks;
 * - `invalid`: the link was refused (see `error.problem`); nothing will navigate;
 * - `redirecting`: on the way to Dollr's page (after `onBeforeRedirect`);
 * - `failed`: `onBeforeRedirect` or `navigate` threw; the customer may try again.
 */
export type HostedCheckoutState = "waiting" | "ready" | "invalid" | "redirecting" | "failed";

export interface UseHostedCheckoutOptions {
  /**
   * The `url` your server got from Dollr's `POST /v1/checkouts/create` with `mode: "HOSTED"`
   * (e.g. `createCartCheckout(...).create()` of `@dollr-kit/server`), as it came. Never build
   * this link by hand. Null or undefined while your server has not answered.
   */
  url: string | null | undefined;
  /**
   * Called with the checked link just before leaving (save the cart, send analytics). Return
   * `false` (or a promise of it) to stay on the page; a throw stays too (state `failed`).
   */
  onBeforeRedirect?: ((url: string) => unknown) | undefined;
  /** How to leave the page. @default `(url) => window.location.assign(url)` */
  navigate?: ((url: string) => void) | undefined;
  /**
   * When given, the link's origin must be one of these (e.g. Dollr's hosted-checkout origin),
   * on top of the https rule.
   */
  allowedOrigins?: readonly string[] | undefined;
}

export interface UseHostedCheckoutResult {
  state: HostedCheckoutState;
  /** The checked, normalised link (what `redirect` opens), or null when there is none. */
  url: string | null;
  /** Why the link was refused (a `PageUrlError`), or what `onBeforeRedirect`/`navigate` threw. */
  error: Error | null;
  /** Words for the customer when the link was refused or leaving failed; else null. */
  message: string | null;
  /**
   * Sends the customer to Dollr's page: calls `onBeforeRedirect`, then `navigate`. Answers
   * whether it navigated. Does nothing while a redirect is under way or the link was refused.
   */
  redirect: () => Promise<boolean>;
}

const assignLocation = (url: string) => window.location.assign(url);

/**
 * Sends the customer to Dollr's hosted checkout page, after checking the link your server got
 * from Dollr: only an absolute `https://` URL is opened (`http://` on localhost for
 * development). A refused link never navigates; the customer reads why in plain words.
 */
export function useHostedCheckout(options: UseHostedCheckoutOptions): UseHostedCheckoutResult {
  const t = useDollrCheckoutContext("useHostedCheckout").t.with(hostedCheckoutMessages);
  const given = options.url;
  const check =
    given === null || given === undefined ? null : checkPageUrl(given, options.allowedOrigins);
  const latest = useLatest({ check, options });
  const [leaving, setLeaving] = useState<{ redirecting: boolean; error: Error | null }>({
    redirecting: false,
    error: null,
  });
  // A ref as well as state: a double click in one frame must not redirect twice.
  const busy = useRef(false);

  const refused = check && !check.ok ? check.error : null;
  const refusal = refused?.message ?? null;
  useEffect(() => {
    if (refusal) devWarnOnce(`useHostedCheckout refused the url: ${refusal}`);
  }, [refusal]);

  // Back from Dollr's page through the back/forward cache: the page is live again, so the
  // button must be too.
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (!event.persisted) return;
      busy.current = false;
      setLeaving({ redirecting: false, error: null });
    };
    window.addEventListener("pageshow", onPageShow);
    return () => window.removeEventListener("pageshow", onPageShow);
  }, []);

  const redirect = useCallback(async () => {
    const { check: current, options: latestOptions } = latest.current;
    if (busy.current || !current?.ok) return false;
    busy.current = true;
    setLeaving({ redirecting: true, error: null });
    try {
      const go = await latestOptions.onBeforeRedirect?.(current.url);
      if (go === false) {
        busy.current = false;
        setLeaving({ redirecting: false, error: null });
        return false;
      }
      (latestOptions.navigate ?? assignLocation)(current.url);
      // Still `redirecting`: the page is leaving.
      return true;
    } catch (thrown) {
      busy.current = false;
      const error = thrown instanceof Error ? thrown : new Error("Leaving for Dollr's page failed");
      setLeaving({ redirecting: false, error });
      return false;
    }
  }, [latest]);

  let state: HostedCheckoutState;
  if (!check) state = "waiting";
  else if (!check.ok) state = "invalid";
  else if (leaving.redirecting) state = "redirecting";
  else if (leaving.error) state = "failed";
  else state = "ready";

  return {
    state,
    url: check?.ok ? check.url : null,
    error: refused ?? (state === "failed" ? leaving.error : null),
    message:
      state === "invalid" ? t("hosted.invalidUrl") : state === "failed" ? t("hosted.failed") : null,
    redirect,
  };
}
