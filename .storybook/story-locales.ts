/**
 * The languages a story can be shown in (the toolbar's `locale` global): English (built in),
 * the kit's catalogs, and the pseudo-locale that shows untranslated and cut-off text.
 */
import { fr } from "../packages/react/src/locales/fr.ts";
import { rw } from "../packages/react/src/locales/rw.ts";
import { sw } from "../packages/react/src/locales/sw.ts";
import type { DollrMessages } from "../packages/react/src/messages.ts";
import { pseudo } from "../packages/react/src/test/pseudo-locale.ts";

export type StoryLanguage = "en" | "fr" | "rw" | "sw" | "pseudo";
export type StoryTheme = "light" | "dark";

export interface StoryLocale {
  /** The toolbar's label. */
  title: string;
  /** The provider's `locale`: amounts, dates and plurals. */
  locale: string;
  /** The provider's `messages` (none for the built-in English). */
  messages: DollrMessages | undefined;
}

/** Every language, English first and the pseudo-locale last (the toolbar's order). */
export const STORY_LOCALES: Readonly<Record<StoryLanguage, StoryLocale>> = Object.freeze({
  en: { title: "English", locale: "en-US", messages: undefined },
  fr: { title: "Français", locale: "fr-RW", messages: fr },
  rw: { title: "Ikinyarwanda", locale: "rw-RW", messages: rw },
  sw: { title: "Kiswahili", locale: "sw-RW", messages: sw },
  pseudo: { title: "Pseudo (accented, 40% longer)", locale: "en-US", messages: pseudo },
});

/** The language for a `locale` global (English for an unknown or missing one). */
export function storyLocale(language: unknown): StoryLocale {
  return Object.hasOwn(STORY_LOCALES, language as string)
    ? STORY_LOCALES[language as StoryLanguage]
    : STORY_LOCALES.en;
}
