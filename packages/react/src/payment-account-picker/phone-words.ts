import {
  type PhoneMarket,
  type PhoneProblem,
  phoneMarketFor,
  writePhoneNumber,
} from "@dollr-kit/core/internal";
import { isMessageKey, type MessageKey, type Translate } from "../messages.ts";

/** A market's name from the catalog (`mobileMoney.country.LR`), else its code. */
export function countryName(country: string, t: Translate): string {
  const key = `mobileMoney.country.${country}`;
  return isMessageKey(key) ? t(key) : country;
}

/** "Liberia or Rwanda" in the provider's locale (a plain comma list where Intl cannot). */
function orList(items: readonly string[], locale: string | undefined): string {
  try {
    return new Intl.ListFormat(locale, { type: "disjunction" }).format(items);
  } catch {
    return items.join(", ");
  }
}

/** The hint's examples: one national number per market, "088 612 3456 or 0781 234 567". */
export function phoneExamples(markets: readonly PhoneMarket[], locale: string | undefined): string {
  return orList(
    markets.map((market) => writePhoneNumber(market, market.example, "national")),
    locale,
  );
}

// The problems that need no values: one message each.
const PLAIN_PROBLEMS = {
  empty: "mobileMoney.phoneEmpty",
  input_too_long: "mobileMoney.phoneInputTooLong",
  letters: "mobileMoney.phoneLetters",
  non_ascii_digits: "mobileMoney.phoneOtherDigits",
  hidden_characters: "mobileMoney.phoneHiddenCharacters",
  invalid_characters: "mobileMoney.phoneInvalid",
} as const satisfies Partial<Record<PhoneProblem["code"], MessageKey>>;

/**
 * What is wrong with a typed number, in the customer's words: what to check or do, naming the
 * country and its digits. Never repeats the number itself.
 */
export function phoneProblemText(
  problem: PhoneProblem,
  markets: readonly PhoneMarket[],
  t: Translate,
  locale: string | undefined,
): string {
  const names = (countries: readonly string[]) =>
    orList(
      countries.map((country) => countryName(country, t)),
      locale,
    );
  switch (problem.code) {
    case "empty":
    case "input_too_long":
    case "letters":
    case "non_ascii_digits":
    case "hidden_characters":
    case "invalid_characters":
      return t(PLAIN_PROBLEMS[problem.code]);
    case "too_short":
    case "too_long": {
      const values = {
        country: names(problem.countries),
        digits: problem.nationalLength,
        code: problem.after,
      };
      if (problem.form === "national") {
        return problem.code === "too_short"
          ? t("mobileMoney.phoneTooShortNational", values)
          : t("mobileMoney.phoneTooLongNational", values);
      }
      return problem.code === "too_short"
        ? t("mobileMoney.phoneTooShortInternational", values)
        : t("mobileMoney.phoneTooLongInternational", values);
    }
    case "country_not_accepted": {
      const countries = names(markets.map((market) => market.country));
      return problem.country
        ? t("mobileMoney.phoneCountryNotTaken", {
            country: countryName(problem.country, t),
            countries,
          })
        : t("mobileMoney.phoneCountryUnknown", { countries });
    }
    case "not_mobile_money":
      return t("mobileMoney.phoneNotMobileMoney", {
        country: names(problem.countries),
        prefix: problem.prefix,
      });
    case "needs_country_code":
      return t("mobileMoney.phoneNeedsCountryCode", {
        countries: names(problem.countries),
        codes: orList(
          problem.countries.map((country) => `+${phoneMarketFor(country)?.callingCode ?? ""}`),
          locale,
        ),
      });
  }
}
