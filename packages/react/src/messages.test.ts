// The translator's English comes in parts: the checkout's words always, a part's own words
// (receipt, return page, hosted checkout) only through `t.with`, so a checkout page does not
// carry them; the app's replacements win for every key either way.
import { describe, expect, it } from "vitest";
import { fr } from "./locales/fr.ts";
import {
  checkoutMessages,
  createTranslator,
  defaultMessages,
  hostedCheckoutMessages,
  paymentReturnMessages,
  receiptMessages,
} from "./messages.ts";

describe("createTranslator", () => {
  it("knows the checkout's English; a part's words only once added with t.with", () => {
    const t = createTranslator();
    expect(t("kit.retry")).toBe("Try again");
    // Never throws and never shows undefined: a key with no words says its name.
    expect(t("receipt.title")).toBe("receipt.title");
    expect(t.with(receiptMessages)("receipt.title")).toBe("Receipt");
    expect(t.with(receiptMessages)("kit.retry")).toBe("Try again");
  });

  it("gives the same function for the same words, so a render can call t.with each time", () => {
    const t = createTranslator();
    expect(t.with(receiptMessages)).toBe(t.with(receiptMessages));
    expect(t.with(receiptMessages)).not.toBe(t.with(paymentReturnMessages));
  });

  it("lets the app's words win over a part's English, and keeps the locale's plural forms", () => {
    const t = createTranslator({ "receipt.title": "Reçu" }, "fr-RW").with(receiptMessages);
    expect(t("receipt.title")).toBe("Reçu");
    const french = createTranslator(fr, "fr-RW").with(paymentReturnMessages);
    expect(french("paymentReturn.checkAgain")).toBe(fr["paymentReturn.checkAgain"]);
  });

  it("keeps every key in exactly one part, and the whole English catalog is their union", () => {
    const parts = [
      checkoutMessages,
      hostedCheckoutMessages,
      paymentReturnMessages,
      receiptMessages,
    ];
    const keys = parts.flatMap((part) => Object.keys(part));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(Object.keys(defaultMessages).sort());
  });
});
