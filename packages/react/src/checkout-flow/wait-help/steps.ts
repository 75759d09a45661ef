/**
 * What a customer can do when a mobile-money prompt does not come: per operator, the code to
 * dial to approve a payment that waits (all words and codes in the messages catalog, so a
 * merchant can correct them), and how long the prompt has left.
 */
import type { Translate } from "../../messages.ts";

/** The operators the kit has approval steps for (Dollr's method words). */
export const WAIT_HELP_OPERATORS = Object.freeze([
  "MTN_MOMO_LBR",
  "ORANGE_MONEY_LBR",
  "MTN_MOMO_RWA",
  "AIRTEL_RWA",
] as const);

/** An operator the kit has approval steps for. */
export type WaitHelpOperator = (typeof WAIT_HELP_OPERATORS)[number];

/** One thing to try, with the code to dial when there is one. */
export interface WaitHelpStep {
  text: string;
  /** The code to dial, and a `tel:` link that pre-dials it on the same phone. */
  dial: { code: string; href: string; label: string } | null;
}

function isWaitHelpOperator(value: string): value is WaitHelpOperator {
  return (WAIT_HELP_OPERATORS as readonly string[]).includes(value);
}

// Alpha-2 or alpha-3 (Dollr's docs and integrations use both), as the method words end.
const COUNTRIES: Readonly<Record<string, string>> = {
  LR: "LBR",
  LBR: "LBR",
  RW: "RWA",
  RWA: "RWA",
};

/**
 * The operators to give steps for: the wallet's own; with no operator named, its country's;
 * else none. An operator the kit has no steps for gets none (another's code would mislead).
 */
export function operatorsFor(
  operator: string | null | undefined,
  country: string | null | undefined,
): WaitHelpOperator[] {
  const method = (operator ?? "").trim().toUpperCase();
  if (isWaitHelpOperator(method)) return [method];
  if (method !== "") return [];
  const suffix = COUNTRIES[(country ?? "").trim().toUpperCase()];
  return suffix ? WAIT_HELP_OPERATORS.filter((known) => known.endsWith(`_${suffix}`)) : [];
}

// A USSD code: digits, `*` and `#` only. Anything else (a merchant's typo) gets no link.
const USSD = /^[*#0-9]{2,20}$/;

/** The dial step for an operator, or null when its code is empty (the merchant turned it off). */
function dialStep(operator: WaitHelpOperator, t: Translate): WaitHelpStep | null {
  const code = t(`waitHelp.code.${operator}`).trim();
  if (code === "") return null;
  const text = t(`waitHelp.dial.${operator}`, { code });
  if (!USSD.test(code)) return { text, dial: null };
  // `#` ends a URI: it is escaped, or the phone would dial the code without it.
  const href = `tel:${code.replaceAll("#", "%23")}`;
  return { text, dial: { code, href, label: t("waitHelp.dialLink", { code }) } };
}

/** The steps to show: each operator's dial step (else the general one), then "check your phone". */
export function waitHelpSteps(
  operators: readonly WaitHelpOperator[],
  t: Translate,
): WaitHelpStep[] {
  const dial = operators.map((operator) => dialStep(operator, t)).filter((step) => step !== null);
  return [
    ...(dial.length > 0 ? dial : [{ text: t("waitHelp.generic"), dial: null }]),
    { text: t("waitHelp.checkPhone"), dial: null },
  ];
}

/** A prompt lasts minutes (MTN: 5, pawaPay's page: 15): a longer "expiry" is not the prompt's. */
export const MAX_PROMPT_LIFE_MS = 30 * 60_000;

/** What is left of the prompt's life, as `m:ss` (whole seconds, rounded up). */
export function formatCountdown(remainingMs: number): string {
  const seconds = Math.max(0, Math.ceil(remainingMs / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
