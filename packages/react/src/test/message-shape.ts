/**
 * What a message template asks of the kit: its placeholders and, for each plural one, the forms
 * it offers. Used by the catalog tests; stricter than `interpolate`, which leaves what it cannot
 * read as written.
 */

export interface MessageShape {
  /** Every `{name}` and `{name, plural, …}` argument, nested ones too. */
  placeholders: Set<string>;
  /** `name → "one other"`: the forms of each plural argument, sorted. */
  plurals: Map<string, string>;
  /** Braces that do not balance, or a plural without `other`. */
  malformed: boolean;
}

/** The `{…}` groups at the top level of `text` (their insides), or null when braces do not balance. */
function groups(text: string): { before: string; body: string }[] | null {
  const found: { before: string; body: string }[] = [];
  let depth = 0;
  let start = 0;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "{" && depth++ === 0) start = i;
    if (text[i] !== "}") continue;
    if (depth === 0) return null;
    if (--depth === 0) {
      found.push({ before: text.slice(last, start), body: text.slice(start + 1, i) });
      last = i + 1;
    }
  }
  return depth === 0 ? found : null;
}

/** Reads a template's shape. */
export function messageShape(template: string, into?: MessageShape): MessageShape {
  const shape = into ?? { placeholders: new Set(), plurals: new Map(), malformed: false };
  const found = groups(template);
  if (!found) shape.malformed = true;
  for (const { body } of found ?? []) {
    const plural = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(body);
    if (!plural) {
      if (/^\w+$/.test(body)) shape.placeholders.add(body);
      else shape.malformed = true;
      continue;
    }
    const [, name = "", rest = ""] = plural;
    shape.placeholders.add(name);
    const forms = groups(rest) ?? [];
    const names = forms.map(({ before }) => before.trim());
    if (!names.includes("other") || names.some((form) => !/^(=\d+|\w+)$/.test(form))) {
      shape.malformed = true;
    }
    shape.plurals.set(name, [...names].sort().join(" "));
    for (const { body: text } of forms) messageShape(text, shape);
  }
  return shape;
}
