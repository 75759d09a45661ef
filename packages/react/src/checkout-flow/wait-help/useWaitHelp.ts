import { useCallback, useId, useMemo, useState } from "react";
import { useControllableState } from "../../internal/use-controllable-state.ts";
import { useNow } from "../../internal/use-now.ts";
import { useDollrCheckoutContext } from "../../provider/context.ts";
import {
  formatCountdown,
  MAX_PROMPT_LIFE_MS,
  operatorsFor,
  type WaitHelpStep,
  waitHelpSteps,
} from "./steps.ts";

export interface UseWaitHelpOptions {
  /** Dollr's method word for the wallet being charged (the account's `method`: `MTN_MOMO_RWA`, …). */
  operator?: string | null | undefined;
  /**
   * The wallet's country (`LR`/`LBR`, `RW`/`RWA`): when the operator is not one the kit knows,
   * the steps of that country's operators are shown.
   */
  country?: string | null | undefined;
  /**
   * When the prompt stops taking a PIN (ISO 8601), as the server says. No countdown without it,
   * nor when it is unreadable or more than 30 minutes away (not a prompt's life: clock skew).
   */
  promptExpiresAt?: string | null | undefined;
  /**
   * The time now (ms since epoch), to drive the clock yourself (a shared clock, tests, stories).
   * @default the real clock, ticking each second while a countdown runs or the help waits
   */
  now?: number | undefined;
  /** When the wait began (ms since epoch): the help is offered `offerAfterMs` later. @default offered at once */
  waitingSince?: number | null | undefined;
  /** How long a prompt gets to arrive before the help is offered. @default 10_000 */
  offerAfterMs?: number | undefined;
  /** Whether the help is open (controlled). */
  open?: boolean | undefined;
  /** Open at first (uncontrolled). @default false */
  defaultOpen?: boolean | undefined;
  /** Called when the customer opens or closes the help. */
  onOpenChange?: ((open: boolean) => void) | undefined;
}

/** How long the prompt has left. */
export interface WaitHelpCountdown {
  remainingMs: number;
  expired: boolean;
  /** "The prompt expires in 1:42.", then "The prompt has expired. …" */
  text: string;
}

export interface UseWaitHelpResult {
  /** False until `offerAfterMs` has passed since `waitingSince`: show no help yet. */
  offered: boolean;
  open: boolean;
  setOpen: (open: boolean) => void;
  /** "Didn't get the prompt?" */
  toggleLabel: string;
  /** The line above the steps. */
  intro: string;
  /** What to dial or check, for this wallet's operator. */
  steps: WaitHelpStep[];
  /** Null without a (plausible) expiry, or before the browser knows the time. */
  countdown: WaitHelpCountdown | null;
  /**
   * What a live region should say: the countdown at its start, then once more at 0; never each
   * second ("" without a countdown).
   */
  announcement: string;
  /** Props for the disclosure's `<button>`. */
  getToggleProps: () => {
    type: "button";
    "aria-expanded": boolean;
    "aria-controls": string;
    "data-state": "open" | "closed";
    onClick: () => void;
  };
  /** Props for the panel the button shows and hides. */
  getPanelProps: () => { id: string; hidden: boolean; "data-state": "open" | "closed" };
}

export const DEFAULT_OFFER_AFTER_MS = 10_000;

/**
 * "Didn't get the prompt?" for a mobile-money wait, without markup: a disclosure with the
 * operator's approval code to dial and what to check, offered once the prompt had time to
 * arrive, and a countdown when the server says how long the prompt lives.
 */
export function useWaitHelp(options: UseWaitHelpOptions = {}): UseWaitHelpResult {
  const { t } = useDollrCheckoutContext("useWaitHelp");
  const { operator, country, promptExpiresAt, waitingSince } = options;
  const offerAfterMs = options.offerAfterMs ?? DEFAULT_OFFER_AFTER_MS;

  const parsed = promptExpiresAt ? Date.parse(promptExpiresAt) : Number.NaN;
  const expiresAt = Number.isNaN(parsed) ? null : parsed;
  const offerAt = typeof waitingSince === "number" ? waitingSince + offerAfterMs : null;
  // The clock ticks until the prompt has expired and the help is offered, then stops. It reads
  // NaN until the browser has read the time, so a server render shows no countdown.
  const [settled, setSettled] = useState(false);
  const clock = useNow(options.now === undefined && !settled, Number.NaN);
  const now = options.now ?? clock;
  const done = (expiresAt === null || now >= expiresAt) && (offerAt === null || now >= offerAt);
  if (done !== settled) setSettled(done);

  const offered = offerAt === null || now >= offerAt;
  const remainingMs = expiresAt === null ? Number.NaN : expiresAt - now;
  const countdown: WaitHelpCountdown | null =
    Number.isNaN(remainingMs) || remainingMs > MAX_PROMPT_LIFE_MS
      ? null
      : remainingMs > 0
        ? {
            remainingMs,
            expired: false,
            text: t("waitHelp.expiresIn", { time: formatCountdown(remainingMs) }),
          }
        : { remainingMs: 0, expired: true, text: t("waitHelp.expired") };

  // The words of the countdown's first second, kept for the live region (per expiry).
  const [start, setStart] = useState<{ expiresAt: number; text: string } | null>(null);
  if (countdown && !countdown.expired && expiresAt !== null && start?.expiresAt !== expiresAt) {
    setStart({ expiresAt, text: countdown.text });
  }
  const announcement = !countdown
    ? ""
    : countdown.expired || start?.expiresAt !== expiresAt
      ? countdown.text
      : start.text;

  const [open, setOpen] = useControllableState({
    prop: options.open,
    defaultProp: options.defaultOpen ?? false,
    onChange: options.onOpenChange,
    caller: "WaitHelp",
  });
  const panelId = `${useId()}-wait-help`;
  const toggle = useCallback(() => setOpen(!open), [open, setOpen]);
  const steps = useMemo(
    () => waitHelpSteps(operatorsFor(operator, country), t),
    [operator, country, t],
  );
  const state = open ? "open" : "closed";

  return {
    offered,
    open,
    setOpen,
    toggleLabel: t("waitHelp.toggle"),
    intro: t("waitHelp.intro"),
    steps,
    countdown,
    announcement,
    getToggleProps: () => ({
      type: "button",
      "aria-expanded": open,
      "aria-controls": panelId,
      "data-state": state,
      onClick: toggle,
    }),
    getPanelProps: () => ({ id: panelId, hidden: !open, "data-state": state }),
  };
}
