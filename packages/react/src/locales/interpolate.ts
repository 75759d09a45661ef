/**
 * Fills a message's `{placeholders}` and picks its plural forms: `{count, plural, =0 {…}
 * one {# minute} other {# minutes}}`, a small subset of ICU MessageFormat (a form may hold
 * placeholders, not another plural). The form is chosen by `Intl.PluralRules(locale)`: an exact
 * `=N` first, then the locale's category, then `other`; `#` is the count written in the locale.
 */

/** Values placed into a message's `{placeholders}`. */
export type MessageValues = Readonly<Record<string, string | number>>;

// `{name}`, or `{name, plural, forms}` where each form's braces may hold `{placeholders}`.
const ARGUMENT = /\{(\w+)(?:\s*,\s*plural\s*,((?:[^{}]|\{(?:[^{}]|\{\w+\})*\})*))?\}/g;
const FORM = /(=\d+|\w+)\s*\{((?:[^{}]|\{\w+\})*)\}/g;

/**
 * Replaces `{name}` with `values.name` and `{name, plural, …}` with its form for the number
 * `values.name` in `locale`; an unknown placeholder, or a plural without `other`, is left as
 * written.
 */
export function interpolate(template: string, values: MessageValues = {}, locale?: string): string {
  return template.replace(ARGUMENT, (whole, name: string, forms: string | undefined) => {
    if (!Object.hasOwn(values, name)) return whole;
    const value = values[name];
    if (forms === undefined) return String(value);
    const byName = new Map([...forms.matchAll(FORM)].map(([, form, text]) => [form, text]));
    const count = Number(value);
    const text =
      byName.get(`=${count}`) ??
      byName.get(new Intl.PluralRules(locale).select(count)) ??
      byName.get("other");
    if (text === undefined) return whole;
    return interpolate(text.replaceAll("#", new Intl.NumberFormat(locale).format(count)), values);
  });
}
