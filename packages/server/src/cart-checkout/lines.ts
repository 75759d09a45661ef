/**
 * A cart checkout's input, checked, and turned into Dollr's `items[]`. Everything here comes from
 * the merchant's own server (its cart, priced by it); it is still checked as hostile, since a
 * wrong line would be a wrong charge.
 *
 * Quantities: Dollr's checkout items carry no `qty` (api-notes §2.5). Each cart line becomes ONE
 * item, named `"2 × Tea"` when the quantity is above 1, whose amount is unit × qty computed on
 * bigint minor units (exact). Expanding qty into repeated items was set aside: a cart of a few
 * lines with large quantities would pass Dollr's item limits, and the receipt would list the
 * same item many times instead of reading like the cart.
 */
import {
  CURRENCY_PATTERN,
  DollrKitError,
  type DollrKitErrorField,
  fromMinorUnits,
  minorUnitDigits,
  PHONE_PATTERN,
  toMinorUnits,
} from "@dollr-kit/core/internal";
import type { CheckoutMode } from "../stores/checkout-store.ts";

/** One line of the merchant's cart, priced by the merchant's server (never by the browser). */
export interface CartLine {
  /** What the customer buys, as the receipt shows it (1–180 characters). */
  name: string;
  /** The price of one, in major units: a decimal string (`"12.50"`) or a number. */
  unitAmount: string | number;
  /** How many (an integer from 1 to 10 000). */
  qty: number;
  /** ISO 4217; every line of a checkout has the same currency. */
  currency: string;
}

/** The customer who pays: the Dollr party is made from these. */
export interface CartCustomer {
  /** The merchant's id of the customer (recorded; `ownerOf(source)` answers it). */
  id: string;
  /** E.164 digits without `+`. */
  phone: string;
  name: string;
  email?: string | null;
}

/** The input of `create`. */
export interface CartCheckoutInput {
  /** The merchant's own order reference: one order, one source (1–100 of `A-Za-z0-9_.:-`). */
  orderReference: string;
  customer: CartCustomer;
  lines: readonly CartLine[];
  /** `HOSTED`: Dollr's page takes the payment; `DIRECT`: the kit on the shop's page does. */
  mode: CheckoutMode;
  /** HOSTED only: where Dollr's page sends the customer back (an allowed return origin). */
  successUrl?: string;
  cancelUrl?: string;
  /** A note on the source (at most 500 characters). */
  note?: string;
}

/** The input, checked, with Dollr's items made. */
export interface CheckedCart {
  orderReference: string;
  customer: CartCustomer;
  mode: CheckoutMode;
  currency: string;
  items: { name: string; currency: string; amount: string }[];
  /** The sum of the items, a decimal string. */
  total: string;
  successUrl: string | null;
  cancelUrl: string | null;
  note: string | null;
}

export const ORDER_REFERENCE_PATTERN = /^[A-Za-z0-9_.:-]{1,100}$/;
const MAX_LINES = 100;
const MAX_QTY = 10_000;
const CONTROL = /\p{Cc}/u;
const EMAIL = /^[^@\s]{1,64}@[^@\s]{1,255}$/;

/** Collects field problems; throws one `VALIDATION` error naming them all. */
class Problems {
  readonly fields: DollrKitErrorField[] = [];
  add(path: string, message: string): void {
    this.fields.push({ path, message, type: "value_error" });
  }
  throwIfAny(): void {
    const [first] = this.fields;
    if (!first) return;
    throw new DollrKitError("VALIDATION", `createCartCheckout: ${first.path}: ${first.message}`, {
      fields: this.fields,
    });
  }
}

function text(value: unknown, max: number): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed.length >= 1 && trimmed.length <= max && !CONTROL.test(trimmed) ? trimmed : null;
}

/** A return URL: absolute http(s), no credentials, on one of `origins`. */
function returnUrl(
  value: unknown,
  origins: ReadonlySet<string>,
  path: string,
  problems: Problems,
): string | null {
  let url: URL | null = null;
  if (typeof value === "string" && value.length <= 2000 && !/[\s\p{Cc}]/u.test(value)) {
    url = URL.canParse(value) ? new URL(value) : null;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    problems.add(path, "expected an absolute http(s) URL");
    return null;
  }
  if (url.username !== "" || url.password !== "") {
    problems.add(path, "a return URL carries no user or password");
    return null;
  }
  if (!origins.has(url.origin)) {
    problems.add(path, `${url.origin} is not one of the shop's return origins`);
    return null;
  }
  return url.href;
}

/** Checks the input and prices the items; throws `DollrKitError("VALIDATION")` naming fields. */
export function checkCart(
  input: CartCheckoutInput,
  returnOrigins: ReadonlySet<string>,
): CheckedCart {
  const problems = new Problems();
  const orderReference = input?.orderReference;
  if (typeof orderReference !== "string" || !ORDER_REFERENCE_PATTERN.test(orderReference)) {
    problems.add("orderReference", "expected 1 to 100 of A-Z a-z 0-9 _ . : -");
  }
  const c = input?.customer;
  const customerId = text(c?.id, 200);
  const name = text(c?.name, 200);
  if (!customerId) problems.add("customer.id", "expected the merchant's customer id");
  if (typeof c?.phone !== "string" || !PHONE_PATTERN.test(c.phone)) {
    problems.add("customer.phone", "expected E.164 digits without '+', 8 to 15 digits");
  }
  if (!name) problems.add("customer.name", "expected a name of 1 to 200 characters");
  const email = c?.email ?? null;
  if (email !== null && (typeof email !== "string" || !EMAIL.test(email))) {
    problems.add("customer.email", "expected an email address");
  }
  const mode = input?.mode;
  if (mode !== "DIRECT" && mode !== "HOSTED") problems.add("mode", 'expected "DIRECT" or "HOSTED"');

  const lines = Array.isArray(input?.lines) ? input.lines : [];
  if (lines.length < 1 || lines.length > MAX_LINES) {
    problems.add("lines", `expected 1 to ${MAX_LINES} cart lines`);
  }
  const currency = lines[0]?.currency;
  const currencyOk = typeof currency === "string" && CURRENCY_PATTERN.test(currency);
  if (lines.length > 0 && !currencyOk) problems.add("lines.0.currency", "expected ISO 4217");
  const items: CheckedCart["items"] = [];
  let totalMinor = 0n;
  lines.forEach((line, i) => {
    const at = `lines.${i}`;
    const lineName = text(line?.name, 180);
    if (!lineName) problems.add(`${at}.name`, "expected a name of 1 to 180 characters");
    if (!Number.isSafeInteger(line?.qty) || line.qty < 1 || line.qty > MAX_QTY) {
      problems.add(`${at}.qty`, `expected an integer from 1 to ${MAX_QTY}`);
    }
    if (currencyOk && line?.currency !== currency) {
      problems.add(`${at}.currency`, `every line must be in ${currency}`);
    }
    let unitMinor: bigint | null = null;
    if (currencyOk) {
      try {
        unitMinor = toMinorUnits(line?.unitAmount as string | number, currency);
      } catch {
        unitMinor = null;
      }
    }
    if (unitMinor === null || unitMinor <= 0n) {
      const digits = currencyOk ? minorUnitDigits(currency) : 2;
      problems.add(
        `${at}.unitAmount`,
        `expected a positive amount with at most ${digits} decimals`,
      );
      return;
    }
    if (!lineName || !Number.isSafeInteger(line.qty) || line.qty < 1) return;
    const amountMinor = unitMinor * BigInt(line.qty);
    totalMinor += amountMinor;
    items.push({
      name: line.qty > 1 ? `${line.qty} × ${lineName}` : lineName,
      currency: currency as string,
      amount: fromMinorUnits(amountMinor, currency as string),
    });
  });

  let successUrl: string | null = null;
  let cancelUrl: string | null = null;
  if (mode === "HOSTED") {
    successUrl = returnUrl(input.successUrl, returnOrigins, "successUrl", problems);
    cancelUrl = returnUrl(input.cancelUrl, returnOrigins, "cancelUrl", problems);
  } else if (input?.successUrl !== undefined || input?.cancelUrl !== undefined) {
    problems.add("successUrl", "return URLs are for HOSTED checkouts only");
  }
  const note = input?.note === undefined ? null : text(input.note, 500);
  if (input?.note !== undefined && note === null)
    problems.add("note", "expected 1 to 500 characters");
  problems.throwIfAny();
  return {
    orderReference,
    customer: {
      id: customerId as string,
      phone: c.phone,
      name: name as string,
      ...(email ? { email } : {}),
    },
    mode,
    currency: currency as string,
    items,
    total: fromMinorUnits(totalMinor, currency as string),
    successUrl,
    cancelUrl,
    note,
  };
}

/** A digest of what makes the order's source: the same order must keep the same cart. */
export async function cartFingerprint(cart: CheckedCart): Promise<string> {
  const canonical = JSON.stringify([cart.mode, cart.currency, cart.items, cart.customer.phone]);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
