/**
 * `@dollr-kit/react/locales/en`: the built-in English as a catalog, for apps that choose a
 * catalog by language (`messages={catalogs[lang]}`). The kit speaks English without it.
 */
import { type DollrCatalog, defaultMessages } from "../messages.ts";

export const en: DollrCatalog = defaultMessages;
