import { formatMoney, isDecimalString } from "@dollr-kit/core/internal";

const CURRENCY = /^[A-Z]{3}$/;

/**
 * An amount from Dollr for people (`"12.5"` USD → `"$12.50"`, `"1000"` RWF → `"RWF 1,000"`),
 * or null when it cannot be read. An amount the currency cannot hold (`"0.001"` USD) or a
 * currency the runtime does not know is written plainly (`"12.505 XYZ"`) rather than rounded.
 */
export function moneyText(
  amount: string | null | undefined,
  currency: string | null | undefined,
  locale: string | undefined,
): string | null {
  if (!isDecimalString(amount) || typeof currency !== "string" || !CURRENCY.test(currency)) {
    return null;
  }
  try {
    return formatMoney(amount, currency, locale);
  } catch {
    return `${amount} ${currency}`;
  }
}
