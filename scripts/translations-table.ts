/**
 * The table of docs/translations.md, a row per message key (English, French, Kinyarwanda,
 * Swahili), generated from the catalogs so it cannot drift from them:
 *
 *   pnpm exec tsx scripts/translations-table.ts   rewrites the table between its markers.
 *
 * scripts/translations-table.test.ts fails while the file is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fr } from "../packages/react/src/locales/fr.ts";
import { rw } from "../packages/react/src/locales/rw.ts";
import { sw } from "../packages/react/src/locales/sw.ts";
import { type DollrCatalog, defaultMessages } from "../packages/react/src/messages.ts";

export const TRANSLATIONS_DOC = fileURLToPath(new URL("../docs/translations.md", import.meta.url));
const START = "<!-- translations-table:start (generated: scripts/translations-table.ts) -->";
const END = "<!-- translations-table:end -->";

const columns: [string, DollrCatalog][] = [
  ["English", defaultMessages],
  ["Français", fr],
  ["Kinyarwanda", rw],
  ["Kiswahili", sw],
];

/** A value as one Markdown table cell: backslashes and pipes escaped, no line breaks. */
function cell(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/\s*\n\s*/g, " ");
}

/** The table, a row per key in the English catalog's order. */
export function translationsTable(): string {
  const header = `| key | ${columns.map(([name]) => name).join(" | ")} |`;
  const rule = `|${" --- |".repeat(columns.length + 1)}`;
  const rows = (Object.keys(defaultMessages) as (keyof DollrCatalog)[]).map(
    (key) => `| \`${key}\` | ${columns.map(([, catalog]) => cell(catalog[key])).join(" | ")} |`,
  );
  return [header, rule, ...rows].join("\n");
}

/** The document with its table replaced by a fresh one. */
export function withFreshTable(doc: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${TRANSLATIONS_DOC} lost its table markers.`);
  return `${doc.slice(0, start + START.length)}\n${translationsTable()}\n${doc.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(TRANSLATIONS_DOC, withFreshTable(readFileSync(TRANSLATIONS_DOC, "utf8")));
  console.log(`wrote ${TRANSLATIONS_DOC}`);
}
