/**
 * The checkout as people with other displays see it: 320 px wide and 200 % zoom without sideways
 * scrolling (WCAG 1.4.10), Windows high contrast (forced colours), reduced motion, and axe in
 * every language.
 */
import type { Page } from "@playwright/test";
import { expectNoHorizontalScroll } from "./a11y-probes.ts";
import {
  addWallet,
  advanceClock,
  expect,
  expectAccessible,
  expectFlowState,
  expectOneExecution,
  flow,
  orderSomething,
  PHONES,
  payButton,
  shop,
  tabTo,
  test,
} from "./fixtures.ts";
import { addWalletIn, CATALOGS, type Language, payButtonIn, switchLanguage } from "./kit-words.ts";

const LANGUAGES = Object.keys(CATALOGS) as Language[];

/** Picker, the add form, the chosen wallet, processing and success: none scrolls sideways. */
async function payWithoutSidewaysScrolling(
  page: Page,
  request: Parameters<typeof advanceClock>[0],
  language: Language,
  what: string,
): Promise<void> {
  const catalog = CATALOGS[language];
  await page.goto("/");
  if (language !== "en") await switchLanguage(page, language);
  await orderSomething(page);
  await expectNoHorizontalScroll(page, `${what}: the picker`);
  await shop(page)
    .getByRole("button", { name: catalog["picker.addMobileMoney"], exact: true })
    .click();
  await expectNoHorizontalScroll(page, `${what}: the add form`);
  await shop(page).getByRole("button", { name: catalog["kit.cancel"], exact: true }).click();
  await addWalletIn(page, catalog, PHONES.succeeds);
  await expectNoHorizontalScroll(page, `${what}: a wallet chosen`);
  await payButtonIn(page, catalog).click();
  await expectFlowState(page, "processing");
  await expectNoHorizontalScroll(page, `${what}: processing`);
  await advanceClock(request, 90_000);
  await expectFlowState(page, "succeeded");
  await expectNoHorizontalScroll(page, `${what}: success`);
  await expectOneExecution(request, { status: "COMPLETED" });
}

test.describe("320 px wide", () => {
  test.use({ viewport: { width: 320, height: 640 } });
  for (const language of LANGUAGES) {
    test(`a payment in ${language} never scrolls sideways`, async ({ page, request }) => {
      await payWithoutSidewaysScrolling(page, request, language, `320 px, ${language}`);
    });
  }
});

test.describe("1280 px at 200 % zoom (a 640 px CSS viewport at twice the pixels)", () => {
  test.use({ viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });
  for (const language of ["en", "fr"] as const) {
    test(`a payment in ${language} never scrolls sideways`, async ({ page, request }) => {
      await payWithoutSidewaysScrolling(page, request, language, `200 % zoom, ${language}`);
    });
  }
});

/** The computed outline and border of an element: what forced colours keep. */
async function edges(page: Page, selector: string) {
  return flow(page)
    .locator(selector)
    .first()
    .evaluate((element) => {
      const style = getComputedStyle(element);
      return {
        outline: style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0,
        border: `${style.borderTopStyle} ${style.borderTopWidth}`,
      };
    });
}

test("in forced colours the chosen method and the focus ring stay visible, and axe passes", async ({
  page,
}) => {
  await page.emulateMedia({ forcedColors: "active" });
  await orderSomething(page);
  await addWallet(page, PHONES.succeeds);
  await addWallet(page, "231880000004");
  const checked = '[data-slot="payment-account-picker-item"][data-state="checked"]';
  const unchecked = '[data-slot="payment-account-picker-item"]:not([data-state="checked"])';
  const chosen = await edges(page, checked);
  const other = await edges(page, unchecked);
  // Colours are the system's now: only an outline or a different border tells the two apart.
  expect(
    (chosen.outline && !other.outline) || chosen.border !== other.border,
    `the chosen method looks like the others: ${JSON.stringify({ chosen, other })}`,
  ).toBe(true);

  // The keyboard's focus ring is an outline (a box-shadow is dropped in forced colours).
  for (const target of [shop(page).getByRole("radio", { checked: true }), payButton(page)]) {
    await tabTo(page, target);
    const ring = await target.evaluate((element) => {
      const style = getComputedStyle(element);
      return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
    });
    expect(ring.style, "focus ring in forced colours").not.toBe("none");
    expect(ring.width, "focus ring in forced colours").toBeGreaterThan(0);
  }
  await expectAccessible(page, "checkout in forced colours");
});

/** Elements of the flow (and their ::before/::after) that animate now. */
async function animatedInFlow(page: Page): Promise<string[]> {
  return flow(page).evaluate((root) => {
    const moving: string[] = [];
    for (const element of [root, ...root.querySelectorAll("*")]) {
      for (const pseudo of [null, "::before", "::after"]) {
        const style = getComputedStyle(element, pseudo);
        const names = style.animationName.split(",").map((name) => name.trim());
        const durations = style.animationDuration.split(",").map((d) => Number.parseFloat(d));
        if (names.some((name, i) => name !== "none" && (durations[i] ?? durations[0] ?? 0) > 0)) {
          moving.push(`${element.getAttribute("data-slot") ?? element.tagName}${pseudo ?? ""}`);
        }
      }
    }
    return moving;
  });
}

test("with reduced motion the waiting spinner stops", async ({ page, request }) => {
  await orderSomething(page);
  await addWallet(page, PHONES.succeeds);
  await payButton(page).click();
  await expectFlowState(page, "processing");
  // Without the preference the wait spins (so the check below is not empty)…
  expect(await animatedInFlow(page)).not.toEqual([]);
  // …and with it, nothing in the checkout moves.
  await page.emulateMedia({ reducedMotion: "reduce" });
  await expect.poll(() => animatedInFlow(page)).toEqual([]);
  await advanceClock(request, 90_000);
  await expectFlowState(page, "succeeded");
  expect(await animatedInFlow(page)).toEqual([]);
});

for (const language of LANGUAGES) {
  test(`axe finds nothing on the checkout in ${language}`, async ({ page }) => {
    const catalog = CATALOGS[language];
    await page.goto("/");
    if (language !== "en") await switchLanguage(page, language);
    await orderSomething(page);
    await shop(page)
      .getByRole("button", { name: catalog["picker.addMobileMoney"], exact: true })
      .click();
    await expectAccessible(page, `the add form in ${language}`);
    await shop(page).getByRole("button", { name: catalog["kit.cancel"], exact: true }).click();
    await addWalletIn(page, catalog, PHONES.succeeds);
    await expect(payButtonIn(page, catalog)).toBeVisible();
    await expectAccessible(page, `a wallet chosen in ${language}`);
  });
}
