/**
 * The kit's words in each language the demo offers, read from the catalogs themselves (so a
 * corrected translation does not break a test), and the customer's steps in any of them.
 */

import { en } from "@dollr-kit/react/locales/en";
import { fr } from "@dollr-kit/react/locales/fr";
import { rw } from "@dollr-kit/react/locales/rw";
import { sw } from "@dollr-kit/react/locales/sw";
import type { Locator, Page } from "@playwright/test";
import { expect, flow, shop } from "./fixtures.ts";

export const CATALOGS = { en, fr, rw, sw } as const;
export type Language = keyof typeof CATALOGS;
export type Catalog = (typeof CATALOGS)[Language];
export type Key = keyof Catalog;

/** A message with its placeholders filled. */
export function say(catalog: Catalog, key: Key, values: Record<string, string> = {}): string {
  return catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The message, whatever its placeholders hold (`whole`: nothing else around it). */
export function pattern(catalog: Catalog, key: Key, whole = true): RegExp {
  const parts = catalog[key]
    .split(/\{\w+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const body = parts.join(".+");
  return new RegExp(whole ? `^${body}$` : body);
}

/** The header's language switch (a `<select>`, on every page). */
export function languageSwitch(page: Page): Locator {
  return page.locator('select[name="language"]');
}

/** Chooses a language and waits until the page is in it (`<html lang>` follows once loaded). */
export async function switchLanguage(page: Page, language: Language): Promise<void> {
  await languageSwitch(page).selectOption(language);
  await expect(page.locator("html")).toHaveAttribute("lang", language);
}

/** Adds a mobile-money wallet through the kit's form, in the catalog's words. */
export async function addWalletIn(
  page: Page,
  catalog: Catalog,
  phone: string,
  name = "Ama Kollie",
): Promise<void> {
  const main = shop(page);
  await main.getByRole("button", { name: catalog["picker.addMobileMoney"], exact: true }).click();
  await main.getByLabel(catalog["mobileMoney.phoneLabel"]).fill(phone);
  await expect(main.getByText(pattern(catalog, "mobileMoney.predicted", false))).toBeVisible();
  await main.getByLabel(catalog["mobileMoney.nameLabel"]).fill(name);
  await main.getByRole("button", { name: catalog["mobileMoney.submit"], exact: true }).click();
  await expect(main.getByRole("radio", { checked: true })).toContainText(phone.slice(-3));
}

/** The pay button, by its words in the catalog ("Pay {amount}"). */
export function payButtonIn(page: Page, catalog: Catalog): Locator {
  return flow(page).getByRole("button", { name: pattern(catalog, "flow.pay") });
}
