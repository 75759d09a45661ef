/**
 * A wait's length in the locale's words: Intl's units where the runtime has data for the
 * locale's language, else the catalog's own plural forms (`time.minutes`, …), so a language that
 * Node's or Chromium's ICU lacks (Kinyarwanda) still reads in its own words.
 */
import type { Translate } from "../messages.ts";

type Unit = "hour" | "minute" | "second";

const durationFormatters = new Map<string, Intl.NumberFormat>();

function unitFormatter(locale: string | undefined, unit: Unit) {
  const key = `${locale ?? ""}|${unit}`;
  let formatter = durationFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short" });
    durationFormatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Whether the runtime's Intl knows the locale's language: without data it quietly answers in
 * another one (Node 20 resolves `rw` plural rules to `en-US`, and writes "+2 min").
 */
export function intlSpeaks(locale: string | undefined): boolean {
  const language = (tag: string) => tag.split("-")[0]?.toLowerCase();
  return (
    !locale || language(new Intl.PluralRules(locale).resolvedOptions().locale) === language(locale)
  );
}

/**
 * An elapsed time in the locale's short units: `"45 sec"`, `"2 min 5 sec"`, `"1 hr 3 min"`.
 * Whole seconds, rounded down. Given `t`, a locale that the runtime's Intl does not know is
 * written with the catalog's `time.*` words instead ("iminota 2 amasegonda 5" in `rw`).
 */
export function formatElapsed(ms: number, locale?: string, t?: Translate): string {
  const words = t && !intlSpeaks(locale);
  const part = (unit: Unit, count: number) =>
    words ? t(`time.${unit}s`, { count }) : unitFormatter(locale, unit).format(count);
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0)
    return minutes > 0 ? `${part("hour", hours)} ${part("minute", minutes)}` : part("hour", hours);
  if (minutes > 0) {
    return seconds > 0
      ? `${part("minute", minutes)} ${part("second", seconds)}`
      : part("minute", minutes);
  }
  return part("second", seconds);
}
