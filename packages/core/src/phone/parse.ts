/**
 * A mobile-money number as people write it (`0886123456`, `+231 88 612 3456`, `00250 78…`,
 * `231-88-612-3456`) read into what Dollr wants (E.164 digits without `+`), or the one thing that
 * is wrong with it, for the markets the merchant takes. Input is hostile: it is bounded, and only
 * ASCII digits ever reach the answer.
 */
import { writePhoneNumber } from "./format.ts";
import {
  enabledPhoneMarkets,
  PHONE_MARKETS,
  type PhoneCountry,
  type PhoneMarket,
} from "./markets.ts";

/** Longer than any way of writing a phone number, spaces and all. */
export const MAX_PHONE_INPUT_LENGTH = 40;

/** How the customer wrote the number: from the trunk 0 (or none), or from the country code. */
export type PhoneForm = "national" | "international";

/** What is wrong with a typed number, for a message in the customer's language. */
export type PhoneProblem =
  | { code: "empty" }
  /** Longer than any phone number could be written. */
  | { code: "input_too_long" }
  | { code: "letters" }
  /** Digits of another script (`٠٨٨…`, full-width `０８８…`): only 0–9 are read. */
  | { code: "non_ascii_digits" }
  /** Right-to-left or override controls, which can show digits in another order than typed. */
  | { code: "hidden_characters" }
  /** Other symbols, or a `+` that is not at the start. */
  | { code: "invalid_characters" }
  /** Too few or too many digits for `countries`, whose numbers have `nationalLength` digits. */
  | {
      code: "too_short" | "too_long";
      countries: PhoneCountry[];
      nationalLength: number;
      form: PhoneForm;
      /** The calling code when written internationally (`+231`), else the trunk prefix (`0`). */
      after: string;
    }
  /** A country the merchant does not take (`country`), or a calling code the kit does not know (null). */
  | { code: "country_not_accepted"; country: PhoneCountry | null }
  /** No mobile-money operator in `countries` issues numbers starting `prefix` (as written). */
  | { code: "not_mobile_money"; countries: PhoneCountry[]; prefix: string }
  /** A national number that fits several of the merchant's countries. */
  | { code: "needs_country_code"; countries: PhoneCountry[] };

/** A number the merchant can take. */
export interface ParsedPhoneNumber {
  ok: true;
  /** E.164 digits without `+`, what Dollr wants: `231886123456`. */
  digits: string;
  country: PhoneCountry;
  /** How it was typed. */
  form: PhoneForm;
  /** `088 612 3456`. */
  national: string;
  /** `+231 88 612 3456`. */
  international: string;
}

/** A number read, or what is wrong with it. */
export type PhoneParseResult = ParsedPhoneNumber | { ok: false; problem: PhoneProblem };

export interface ParsePhoneNumberOptions {
  /**
   * The markets the merchant takes (alpha-2 or alpha-3, e.g. `["LR", "RW"]`). Default and
   * fallback when none is known: every market Dollr collects in.
   */
  countries?: readonly string[] | null | undefined;
}

// Marks that copying a number adds around it (iOS Contacts wraps numbers in U+202A…U+202C):
// dropped, since the number is rebuilt from its digits and shown back.
const COPY_MARKS = /[\u200B-\u200E\u202A\u202C\u2060\u2066\u2068\u2069\uFEFF]/g;
// Right-to-left and override controls can show the digits in another order than they are read.
const REORDERING_MARKS = /[\u061C\u200F\u202B\u202D\u202E\u2067]/;
const LETTER = /\p{L}/u;
const OTHER_DIGIT = /(?![0-9])\p{Nd}/u;
// Spaces of any kind, ASCII and typographic dashes, dots, parentheses.
const SEPARATORS = /[\s\-\u2010-\u2015.()]/g;

const fail = (problem: PhoneProblem): PhoneParseResult => ({ ok: false, problem });
const countriesOf = (markets: readonly PhoneMarket[]) =>
  markets.map((market) => market.country as PhoneCountry);

function prefixFits(market: PhoneMarket, national: string): boolean {
  return market.mobileMoneyPrefixes.some(
    (prefix) => national.startsWith(prefix) || prefix.startsWith(national),
  );
}

/** The shortest start of `national` that no prefix of `markets` allows. */
function badStart(markets: readonly PhoneMarket[], national: string): string {
  for (let length = 1; length <= national.length; length += 1) {
    const start = national.slice(0, length);
    if (!markets.some((market) => prefixFits(market, start))) return start;
  }
  return national;
}

/** Too few or too many digits for `head`, and for the `markets` whose numbers are as long. */
function lengthProblem(
  code: "too_short" | "too_long",
  head: PhoneMarket,
  markets: readonly PhoneMarket[],
  form: PhoneForm,
): PhoneParseResult {
  return fail({
    code,
    countries: countriesOf(markets.filter((m) => m.nationalLength === head.nationalLength)),
    nationalLength: head.nationalLength,
    form,
    after: form === "international" ? `+${head.callingCode}` : head.trunkPrefix,
  });
}

/** National digits (after the trunk 0 or the calling code) checked against candidate markets. */
function readNational(
  candidates: readonly PhoneMarket[],
  national: string,
  form: PhoneForm,
): PhoneParseResult {
  const fitting = candidates.filter((market) => prefixFits(market, national));
  const first = fitting[0];
  if (!first) {
    const start = badStart(candidates, national);
    const head = candidates[0];
    return fail({
      code: "not_mobile_money",
      countries: countriesOf(candidates),
      prefix:
        form === "international" && head
          ? `+${head.callingCode} ${start}`
          : `${head?.trunkPrefix ?? ""}${start}`,
    });
  }
  const exact = fitting.filter((market) => market.nationalLength === national.length);
  const only = exact[0];
  if (exact.length > 1) return fail({ code: "needs_country_code", countries: countriesOf(exact) });
  if (only) {
    return {
      ok: true,
      digits: `${only.callingCode}${national}`,
      country: only.country as PhoneCountry,
      form,
      national: writePhoneNumber(only, national, "national"),
      international: writePhoneNumber(only, national, "international"),
    };
  }
  const code = national.length < first.nationalLength ? "too_short" : "too_long";
  return lengthProblem(code, first, fitting, form);
}

/** Digits after `+` or `00`: the calling code, then the national digits. */
function readInternational(
  enabled: readonly PhoneMarket[],
  known: readonly PhoneMarket[],
  rest: string,
): PhoneParseResult {
  const market = known.find((candidate) => rest.startsWith(candidate.callingCode));
  if (!market) {
    const started = enabled.filter((candidate) => candidate.callingCode.startsWith(rest));
    const head = started[0];
    if (!head) return fail({ code: "country_not_accepted", country: null });
    return lengthProblem("too_short", head, started, "international");
  }
  if (!enabled.includes(market)) {
    return fail({ code: "country_not_accepted", country: market.country as PhoneCountry });
  }
  let national = rest.slice(market.callingCode.length);
  // "+231 (0)88 612 3456": the trunk 0 written after the calling code is dropped.
  if (national.startsWith(market.trunkPrefix)) national = national.slice(market.trunkPrefix.length);
  return readNational([market], national, "international");
}

/** A national number (after `trunk`, or without one) in the merchant's markets. */
function readNationalOf(
  enabled: readonly PhoneMarket[],
  known: readonly PhoneMarket[],
  digits: string,
  trunk: string | null,
): PhoneParseResult {
  const fits = (market: PhoneMarket) => trunk === null || market.trunkPrefix === trunk;
  const read = readNational(enabled.filter(fits), digits, "national");
  if (read.ok || read.problem.code === "needs_country_code") return read;
  // A whole number of a market the merchant does not take says so, not "not mobile money".
  const others = known.filter((market) => !enabled.includes(market) && fits(market));
  const elsewhere = others.length > 0 ? readNational(others, digits, "national") : read;
  return elsewhere.ok ? fail({ code: "country_not_accepted", country: elsewhere.country }) : read;
}

/**
 * Reads a typed number against the merchant's markets (`enabled`) and every market the kit knows
 * (`known`, to tell "a country you do not take" from "not a number"). Exposed for tests that
 * need markets other than Dollr's; apps use `parsePhoneNumber`.
 */
export function parsePhoneNumberIn(
  input: string,
  enabled: readonly PhoneMarket[],
  known: readonly PhoneMarket[],
): PhoneParseResult {
  if (typeof input !== "string") return fail({ code: "invalid_characters" });
  if (input.length > MAX_PHONE_INPUT_LENGTH) return fail({ code: "input_too_long" });
  const text = input.replace(COPY_MARKS, "");
  if (REORDERING_MARKS.test(text)) return fail({ code: "hidden_characters" });
  if (LETTER.test(text)) return fail({ code: "letters" });
  if (OTHER_DIGIT.test(text)) return fail({ code: "non_ascii_digits" });
  const compact = text.replace(SEPARATORS, "");
  if (compact === "") return fail({ code: "empty" });
  if (!/^\+?\d*$/.test(compact)) return fail({ code: "invalid_characters" });
  if (compact.startsWith("+")) return readInternational(enabled, known, compact.slice(1));
  if (compact.startsWith("00")) return readInternational(enabled, known, compact.slice(2));
  const trunk = enabled.find((market) => compact.startsWith(market.trunkPrefix))?.trunkPrefix;
  if (trunk !== undefined) {
    return readNationalOf(enabled, known, compact.slice(trunk.length), trunk);
  }
  // A calling code without `+` (`231 88 612 3456`), or the start of one.
  const coded = known.some(
    (market) => compact.startsWith(market.callingCode) || market.callingCode.startsWith(compact),
  );
  if (coded) return readInternational(enabled, known, compact);
  // A national number typed without its trunk 0 (`88 612 3456`).
  return readNationalOf(enabled, known, compact, null);
}

/**
 * Reads a mobile-money number typed the way people write it, for the merchant's `countries`:
 * a leading 0, spaces, dashes, dots, parentheses, `+` or `00`, or the country code without `+`.
 *
 * ```ts
 * parsePhoneNumber("0886123456", { countries: ["LR", "RW"] });
 * // { ok: true, digits: "231886123456", country: "LR", national: "088 612 3456",
 * //   international: "+231 88 612 3456", form: "national" }
 * ```
 */
export function parsePhoneNumber(
  input: string,
  options: ParsePhoneNumberOptions = {},
): PhoneParseResult {
  return parsePhoneNumberIn(
    input,
    enabledPhoneMarkets(options.countries),
    Object.values(PHONE_MARKETS),
  );
}
