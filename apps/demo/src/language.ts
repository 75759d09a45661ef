/**
 * The shopper's language: English (built into the kit), French, Kinyarwanda or Swahili. The kit's
 * catalog for a language is imported when it is first chosen (its own chunk), so an English page
 * downloads none of the others. The choice is remembered in localStorage; `<html lang>` follows
 * the language shown.
 */
import type { DollrCheckoutProvider } from "@dollr-kit/react";
import { type ComponentProps, useSyncExternalStore } from "react";
import { createStore } from "./store.ts";

/** What the provider's `messages` takes (a catalog, or nothing for the built-in English). */
export type Catalog = ComponentProps<typeof DollrCheckoutProvider>["messages"];

export const LANGUAGES = [
  { code: "en", name: "English", locale: "en-US" },
  { code: "fr", name: "Français", locale: "fr-RW" },
  { code: "rw", name: "Ikinyarwanda", locale: "rw-RW" },
  { code: "sw", name: "Kiswahili", locale: "sw-RW" },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]["code"];

export function isLanguageCode(value: unknown): value is LanguageCode {
  return LANGUAGES.some((language) => language.code === value);
}

// One dynamic import per language: Vite makes each catalog its own chunk.
const loaders: Record<Exclude<LanguageCode, "en">, () => Promise<Catalog>> = {
  fr: () => import("@dollr-kit/react/locales/fr").then((module) => module.fr),
  rw: () => import("@dollr-kit/react/locales/rw").then((module) => module.rw),
  sw: () => import("@dollr-kit/react/locales/sw").then((module) => module.sw),
};

/** The remembered choice (anything else in storage is ignored: English). */
const choiceStore = createStore<LanguageCode>("kola:language", "en", (raw) =>
  isLanguageCode(raw) ? raw : null,
);

export interface LanguageState {
  /** The language shown. */
  code: LanguageCode;
  /** The `Intl` locale passed to the kit with it. */
  locale: string;
  /** Its catalog; `undefined` for English. */
  messages: Catalog;
  /** The language asked for: differs from `code` while its catalog loads. */
  requested: LanguageCode;
}

const catalogs = new Map<LanguageCode, Catalog>([["en", undefined]]);
const listeners = new Set<() => void>();
let state: LanguageState = { code: "en", locale: "en-US", messages: undefined, requested: "en" };

function localeOf(code: LanguageCode): string {
  return LANGUAGES.find((language) => language.code === code)?.locale ?? "en-US";
}

function setState(next: LanguageState): void {
  state = next;
  document.documentElement.lang = next.code;
  for (const listener of listeners) listener();
}

async function loadCatalog(code: LanguageCode): Promise<Catalog> {
  if (catalogs.has(code) || code === "en") return catalogs.get(code);
  const catalog = await loaders[code]();
  catalogs.set(code, catalog);
  return catalog;
}

/**
 * Shows `code` once its catalog is loaded, and remembers it. A catalog that fails to load (the
 * network dropped) leaves the page in the language it was in.
 */
export async function chooseLanguage(code: LanguageCode): Promise<void> {
  setState({ ...state, requested: code });
  try {
    const messages = await loadCatalog(code);
    // A later choice made while this one loaded wins.
    if (state.requested !== code) return;
    choiceStore.set(code);
    setState({ code, locale: localeOf(code), messages, requested: code });
  } catch (error) {
    console.warn(`[demo] the ${code} catalog did not load`, error);
    if (state.requested === code) setState({ ...state, requested: state.code });
  }
}

/** Before the first render: loads the remembered language, so the page opens in it. */
export async function restoreLanguage(): Promise<void> {
  const remembered = choiceStore.get();
  if (remembered !== "en") await chooseLanguage(remembered);
  else document.documentElement.lang = "en";
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const read = () => state;

export function useLanguage(): LanguageState {
  return useSyncExternalStore(subscribe, read, read);
}
