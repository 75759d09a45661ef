/** The fake Stripe's test cards, and how it reads what is typed in its card field. */

/** The simulator's test cards: what to type, and the payment method it becomes. */
export const FAKE_STRIPE_TEST_CARDS = Object.freeze([
  {
    number: "4242424242424242",
    paymentMethod: "pm_card_visa",
    brand: "visa",
    last4: "4242",
    description: "Succeeds",
  },
  {
    number: "4000000000003220",
    paymentMethod: "pm_card_threeDSecure2Required",
    brand: "visa",
    last4: "3220",
    description: "Asks for 3D Secure",
  },
  {
    number: "4000000000000002",
    paymentMethod: "pm_card_chargeDeclined",
    brand: "visa",
    last4: "0002",
    description: "Is declined",
  },
] as const);

/** What the fake card field holds, as `readFakeCardInput` reads it. */
export interface CardState {
  value: string;
  empty: boolean;
  complete: boolean;
  paymentMethod: string | null;
  brand: string;
  last4: string;
  error: { type: "validation_error"; code: string; message: string } | undefined;
}

/** Reads what was typed in the fake card field: a test card number or a `pm_…` id. */
export function readFakeCardInput(raw: string): CardState {
  const value = raw.trim();
  if (value === "") {
    return {
      value,
      empty: true,
      complete: false,
      paymentMethod: null,
      brand: "unknown",
      last4: "",
      error: undefined,
    };
  }
  if (/^pm_\w+$/.test(value)) {
    const known = FAKE_STRIPE_TEST_CARDS.find((card) => card.paymentMethod === value);
    return {
      value,
      empty: false,
      complete: true,
      paymentMethod: value,
      brand: known?.brand ?? "unknown",
      last4: known?.last4 ?? "0000",
      error: undefined,
    };
  }
  const digits = value.replace(/[\s-]/g, "");
  if (!/^\d+$/.test(digits)) {
    return {
      value,
      empty: false,
      complete: false,
      paymentMethod: null,
      brand: "unknown",
      last4: "",
      error: {
        type: "validation_error",
        code: "invalid_number",
        message: "Your card number is invalid.",
      },
    };
  }
  const known = FAKE_STRIPE_TEST_CARDS.find((card) => card.number === digits);
  if (known) {
    return {
      value,
      empty: false,
      complete: true,
      paymentMethod: known.paymentMethod,
      brand: known.brand,
      last4: known.last4,
      error: undefined,
    };
  }
  const brand = digits.startsWith("4") ? "visa" : digits.startsWith("5") ? "mastercard" : "unknown";
  if (digits.length < 16) {
    // As Stripe: no error while the number is still being typed, only `complete: false`.
    return {
      value,
      empty: false,
      complete: false,
      paymentMethod: null,
      brand,
      last4: "",
      error: undefined,
    };
  }
  return {
    value,
    empty: false,
    complete: false,
    paymentMethod: null,
    brand,
    last4: digits.slice(-4),
    error: {
      type: "validation_error",
      code: "invalid_number",
      message: "Use a test card: 4242 4242 4242 4242, 4000 0000 0000 3220 or 4000 0000 0000 0002.",
    },
  };
}
