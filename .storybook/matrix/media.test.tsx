/**
 * styles.css under the user's display preferences, in Chromium (Playwright's emulateMedia): with
 * forced colours (Windows High Contrast) every state of a part still looks different from the
 * others, and with reduced motion the spinner stands still but stays drawn.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { commands, userEvent } from "vitest/browser";

// One of each state the stylesheet draws, as the kit's parts mark them.
const FIXTURE = `
  <div class="dollr-CheckoutFlow" data-theme="light">
    <button type="button" id="item-checked" data-slot="payment-account-picker-item" data-state="checked">
      <span id="dot-checked" data-slot="payment-account-picker-indicator" data-state="checked"></span>MTN
    </button>
    <button type="button" id="item-unchecked" data-slot="payment-account-picker-item" data-state="unchecked">
      <span id="dot-unchecked" data-slot="payment-account-picker-indicator" data-state="unchecked"></span>Orange
    </button>
    <button type="button" id="item-disabled" data-slot="payment-account-picker-item" data-state="unchecked" data-disabled="" disabled>Card</button>
    <button type="button" id="pay" data-slot="button" data-variant="primary" data-action="pay">Pay</button>
    <button type="button" id="pay-busy" data-slot="button" data-variant="primary" data-action="pay" data-state="busy" disabled>Paying</button>
    <button type="button" id="pay-disabled" data-slot="button" data-variant="primary" data-action="pay" disabled>Pay</button>
    <div data-slot="field"><input id="input" data-slot="input" aria-label="Phone"></div>
    <div data-slot="field"><input id="input-invalid" data-slot="input" aria-label="Name" aria-invalid="true"></div>
    ${["processing", "succeeded", "failed", "expired"]
      .map(
        (state) => `<div data-slot="checkout-flow-status" data-state="${state}">
          <span id="indicator-${state}" data-slot="checkout-flow-status-indicator" data-state="${state}"></span>
          <p data-slot="checkout-flow-status-message">${state}</p></div>`,
      )
      .join("")}
  </div>`;

const element = (id: string) => document.getElementById(id) as HTMLElement;

/** What a person can see of a part: lines, shape, fill and text colour. */
function look(id: string): string {
  const style = getComputedStyle(element(id));
  return [
    `outline ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
    `border ${style.borderTopStyle} ${style.borderTopWidth} ${style.borderTopColor} ${style.borderRightColor}`,
    `radius ${style.borderTopLeftRadius}`,
    `fill ${style.backgroundColor} ${style.backgroundImage}`,
    `text ${style.color}`,
    `transform ${style.transform}`,
  ].join("; ");
}

/** The looks of `ids`, which must all differ from one another. */
function expectAllDifferent(ids: string[]) {
  const looks = ids.map(look);
  expect(new Set(looks).size, ids.map((id, at) => `${id}: ${looks[at]}`).join("\n")).toBe(
    ids.length,
  );
}

let root: HTMLElement;
beforeAll(() => {
  root = document.createElement("div");
  root.innerHTML = FIXTURE;
  document.body.prepend(root);
});
afterAll(() => root.remove());
afterEach(() => commands.emulateMedia({ forcedColors: null, reducedMotion: null }));

describe("forced colours (Windows High Contrast)", () => {
  // Each test: the afterEach above turns the emulation off again.
  beforeEach(() => commands.emulateMedia({ forcedColors: "active" }));

  it("are on, and the kit's colours are replaced", async () => {
    expect(matchMedia("(forced-colors: active)").matches).toBe(true);
    // The Pay button's brand blue gives way to the system's button colours.
    expect(getComputedStyle(element("pay")).backgroundColor).not.toBe("rgb(31, 95, 209)");
  });

  it("keep the chosen, the other and the disabled payment method apart", async () => {
    expectAllDifferent(["item-checked", "item-unchecked", "item-disabled"]);
    expectAllDifferent(["dot-checked", "dot-unchecked"]);
  });

  it("keep Pay, Pay while busy and Pay disabled apart, and a field in error", async () => {
    expectAllDifferent(["pay", "pay-busy", "pay-disabled"]);
    expectAllDifferent(["input", "input-invalid"]);
  });

  it("keep waiting, paid, failed and stopped apart by the indicator's shape", async () => {
    expectAllDifferent([
      "indicator-processing",
      "indicator-succeeded",
      "indicator-failed",
      "indicator-expired",
    ]);
  });

  it("show the keyboard focus with an outline", async () => {
    const unfocused = look("pay");
    element("item-unchecked").focus();
    await userEvent.tab();
    expect(document.activeElement).toBe(element("pay"));
    expect(getComputedStyle(element("pay")).outlineStyle).toBe("solid");
    expect(look("pay")).not.toBe(unfocused);
  });
});

describe("reduced motion", () => {
  it("stops the spinner and keeps it drawn", async () => {
    const indicator = element("indicator-processing");
    expect(getComputedStyle(indicator).animationName).toBe("dollr-spin");
    await commands.emulateMedia({ reducedMotion: "reduce" });
    const still = getComputedStyle(indicator);
    expect(still.animationName).toBe("none");
    expect(still.borderTopStyle).toBe("solid");
    expect(Number.parseFloat(still.borderTopWidth)).toBeGreaterThan(0);
    expect(indicator.getBoundingClientRect().width).toBeGreaterThan(10);
  });
});
