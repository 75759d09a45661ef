/**
 * `country_code` for `payment-accounts/create`. Dollr's docs use alpha-2 (`LR`); code that runs
 * against the live API sends alpha-3 (`LBR`) (api-notes §2.5). The proxy sends what the merchant
 * chose, converting what Dollr's prediction said.
 */
import type { CountryCodeFormat } from "./options.ts";

// The markets Dollr serves (api-notes §2.6) and the usual card-issuing countries.
const ALPHA2_TO_ALPHA3: Record<string, string> = {
  LR: "LBR",
  RW: "RWA",
  NG: "NGA",
  GH: "GHA",
  KE: "KEN",
  UG: "UGA",
  SL: "SLE",
  CI: "CIV",
  US: "USA",
  GB: "GBR",
  CA: "CAN",
  FR: "FRA",
  DE: "DEU",
};
const ALPHA3_TO_ALPHA2 = Object.fromEntries(
  Object.entries(ALPHA2_TO_ALPHA3).map(([two, three]) => [three, two]),
);

/** The predicted country in the chosen format; unknown codes and `as-predicted` pass as given. */
export function formatCountryCode(
  country: string | null | undefined,
  format: CountryCodeFormat,
): string | null {
  if (!country) return null;
  const code = country.trim().toUpperCase();
  if (format === "alpha2") return ALPHA3_TO_ALPHA2[code] ?? code;
  if (format === "alpha3") return ALPHA2_TO_ALPHA3[code] ?? code;
  return country;
}
