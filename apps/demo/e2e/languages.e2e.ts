import {
  advanceClock,
  checkpoint,
  expect,
  expectFlowState,
  expectOneExecution,
  flow,
  orderSomething,
  PHONES,
  shop,
  test,
} from "./fixtures.ts";
import {
  addWalletIn,
  CATALOGS,
  languageSwitch,
  pattern,
  payButtonIn,
  switchLanguage,
} from "./kit-words.ts";

const { en, fr } = CATALOGS;

/** The catalogs' own chunks (Vite names a dynamic import's chunk after its file). */
const CATALOG_CHUNK = /\/assets\/(fr|rw|sw)-[\w-]+\.js$/;

test("an English page downloads no other language; choosing one loads only its catalog", async ({
  page,
}) => {
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
  });
  await orderSomething(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(
    shop(page).getByRole("button", { name: en["picker.addMobileMoney"], exact: true }),
  ).toBeVisible();
  expect(scripts.filter((path) => CATALOG_CHUNK.test(path))).toEqual([]);

  await switchLanguage(page, "fr");
  await expect(
    shop(page).getByRole("button", { name: fr["picker.addMobileMoney"], exact: true }),
  ).toBeVisible();
  const loaded = scripts.filter((path) => CATALOG_CHUNK.test(path));
  expect(loaded).toHaveLength(1);
  expect(loaded[0]).toMatch(/\/fr-/);
});

test("in French: the choice survives a reload, and one mobile-money payment goes through", async ({
  page,
  request,
}) => {
  await page.goto("/");
  await switchLanguage(page, "fr");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(languageSwitch(page)).toHaveValue("fr");

  await orderSomething(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await addWalletIn(page, fr, PHONES.succeeds);
  await expect(flow(page).getByText(fr["flow.total"], { exact: true })).toBeVisible();
  const pay = payButtonIn(page, fr);
  await expect(pay).toBeVisible();
  await checkpoint(page, "40-french-wallet-chosen");

  await pay.click();
  await expectFlowState(page, "processing");
  await expect(flow(page)).toContainText(fr["status.processingMobileMoney"]);
  await expect(flow(page)).toContainText(fr["status.processingMobileMoneyHint"]);
  await checkpoint(page, "41-french-processing");

  // The customer approves on the phone (the simulator's clock stands in for it).
  await advanceClock(request, 90_000);
  await expectFlowState(page, "succeeded");
  await expect(flow(page)).toContainText(fr["flow.succeeded"]);
  await expect(flow(page)).not.toContainText(en["flow.succeeded"]);
  await checkpoint(page, "42-french-succeeded");
  await expectOneExecution(request, { status: "COMPLETED", currency: "USD" });
});

for (const language of ["rw", "sw"] as const) {
  test(`the checkout in ${language} shows its catalog's words`, async ({ page }) => {
    const catalog = CATALOGS[language];
    await orderSomething(page);
    await switchLanguage(page, language);
    const main = shop(page);
    await expect(
      main.getByRole("button", { name: catalog["picker.addMobileMoney"], exact: true }),
    ).toBeVisible();
    await expect(
      main.getByRole("button", { name: catalog["picker.addCard"], exact: true }),
    ).toBeVisible();
    await addWalletIn(page, catalog, PHONES.succeeds);
    await expect(flow(page).getByText(catalog["flow.total"], { exact: true })).toBeVisible();
    await expect(payButtonIn(page, catalog)).toBeVisible();
    await expect(
      main.getByRole("radiogroup", { name: pattern(catalog, "picker.label") }),
    ).toBeVisible();
    await checkpoint(page, `43-${language}-wallet-chosen`);
  });
}
