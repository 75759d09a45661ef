/**
 * A pseudo-locale for tests and stories: English with every letter accented and each message
 * about 40% longer, in brackets. It shows at a glance a string the kit forgot to translate (no
 * accents), text cut off at either end (a missing bracket), and layouts that break when a
 * language runs longer than English. Placeholders (`{amount}`) and plural arguments
 * (`{count, plural, one {…} other {…}}`) keep their names and shape; only their words change.
 */
import { type DollrCatalog, defaultMessages, type MessageKey } from "../messages.ts";

const ACCENTED: Readonly<Record<string, string>> = Object.fromEntries(
  [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"].map((letter, index) => [
    letter,
    [..."àƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"][index] as string,
  ]),
);

/** Words added to reach the longer length; short, so lines can still wrap between them. */
const FILLER = ["ļöñĝ", "ŵöŕð", "þàð", "ţéẋţ"];

/** How much longer a pseudo message is than its English (about 40%, as French often runs). */
export const PSEUDO_EXPANSION = 1.4;

const accent = (text: string) => text.replace(/[A-Za-z]/g, (letter) => ACCENTED[letter] ?? letter);

/** Where the brace opened at `open` closes, or -1. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

const PLURAL = /^(\s*\w+\s*,\s*plural\s*,)([\s\S]*)$/;

/** `{count, plural, one {# minute} other {# minutes}}` with its branches' words accented. */
function pseudoPlural(head: string, body: string): string {
  let out = "";
  let at = 0;
  for (let open = body.indexOf("{"); open >= 0; open = body.indexOf("{", at)) {
    const close = closing(body, open);
    if (close < 0) break;
    out += `${body.slice(at, open)}{${accentOutsideBraces(body.slice(open + 1, close))}}`;
    at = close + 1;
  }
  return `{${head}${out}${body.slice(at)}}`;
}

/** Accents the words of a template, leaving `{placeholders}` as written. */
function accentOutsideBraces(template: string): string {
  let out = "";
  let at = 0;
  for (let open = template.indexOf("{"); open >= 0; open = template.indexOf("{", at)) {
    const close = closing(template, open);
    if (close < 0) break;
    const inner = template.slice(open + 1, close);
    const plural = PLURAL.exec(inner);
    out += accent(template.slice(at, open));
    out += plural ? pseudoPlural(plural[1] as string, plural[2] as string) : `{${inner}}`;
    at = close + 1;
  }
  return out + accent(template.slice(at));
}

/** A template without its `{arguments}` (nested plural branches included). */
export function withoutArguments(template: string): string {
  let out = "";
  let at = 0;
  for (let open = template.indexOf("{"); open >= 0; open = template.indexOf("{", at)) {
    const close = closing(template, open);
    if (close < 0) break;
    out += template.slice(at, open);
    at = close + 1;
  }
  return out + template.slice(at);
}

/** One English message as the pseudo-locale writes it. */
export function pseudoMessage(english: string): string {
  const words = accentOutsideBraces(english);
  const visible = withoutArguments(english).length;
  const extra = Math.ceil(visible * (PSEUDO_EXPANSION - 1));
  const filler: string[] = [];
  for (let length = 0; length < extra; length += (filler.at(-1)?.length ?? 0) + 1) {
    filler.push(FILLER[filler.length % FILLER.length] as string);
  }
  return `[${words}${filler.length > 0 ? ` ${filler.join(" ")}` : ""}]`;
}

/** Every message of the kit in the pseudo-locale (a complete catalog, like `fr` or `sw`). */
export const pseudo: DollrCatalog = Object.freeze(
  Object.fromEntries(
    Object.entries(defaultMessages).map(([key, english]) => [key, pseudoMessage(english)]),
  ) as Record<MessageKey, string>,
);
