// HTML for the simulator's hosted pages: a template tag that escapes every interpolated value,
// one page layout with its inline style, and the headers every page is sent with (a strict CSP:
// no script, no external resource, the style allowed by its hash).

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

/** Markup that is already safe: only the `html` tag makes it. */
export class SafeHtml {
  constructor(readonly text: string) {}
}

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return "";
  if (part instanceof SafeHtml) return part.text;
  if (Array.isArray(part)) return part.map(render).join("");
  return escapeHtml(String(part));
}

/** A template tag: the literal parts are markup, every `${value}` is escaped (unless SafeHtml). */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? "");
  });
  return new SafeHtml(out);
}

export const PAGE_STYLE = `
:root { color-scheme: light; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; background: #f4f4f5; color: #18181b; }
main { max-width: 32rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border-radius: 0.5rem; }
h1 { font-size: 1.5rem; margin-top: 0; }
h2 { font-size: 1.125rem; }
table { width: 100%; border-collapse: collapse; }
caption { text-align: left; font-weight: 600; }
th, td { padding: 0.25rem 0; text-align: left; border-bottom: 1px solid #d4d4d8; }
td.amount, th.amount { text-align: right; }
label { display: block; font-weight: 600; margin-top: 0.75rem; }
input, select, button { font: inherit; padding: 0.5rem; margin-top: 0.25rem; }
input, select { width: 100%; box-sizing: border-box; border: 1px solid #52525b; border-radius: 0.25rem; }
button { margin-top: 0.75rem; background: #1d4ed8; color: #fff; border: 0; border-radius: 0.25rem; cursor: pointer; }
:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.hint { color: #3f3f46; font-size: 0.875rem; }
.alert { padding: 0.75rem; border: 2px solid #b91c1c; border-radius: 0.25rem; color: #7f1d1d; background: #fef2f2; }
.notice { padding: 0.75rem; border: 2px solid #1d4ed8; border-radius: 0.25rem; background: #eff6ff; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
.sandbox { font-size: 0.875rem; color: #3f3f46; }
`;

let styleHash: Promise<string> | undefined;

/** The CSP source that allows exactly PAGE_STYLE: `'sha256-…'`. */
export function pageStyleSource(): Promise<string> {
  styleHash ??= crypto.subtle
    .digest("SHA-256", new TextEncoder().encode(PAGE_STYLE))
    .then((digest) => `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`);
  return styleHash;
}

/** An origin that may stand in a CSP source list as it is (scheme, host, port: nothing else). */
const CSP_ORIGIN =
  /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$|^https?:\/\/\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/**
 * The page's Content-Security-Policy. `formTargets` are the origins a form's answer may
 * redirect to (Chrome checks `form-action` on redirects too): the checkout's success_url.
 */
export async function contentSecurityPolicy(formTargets: readonly string[] = []): Promise<string> {
  const targets = formTargets.filter((origin) => CSP_ORIGIN.test(origin));
  return [
    "default-src 'none'",
    `style-src ${await pageStyleSource()}`,
    `form-action 'self'${targets.map((origin) => ` ${origin}`).join("")}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A whole page: one h1 (given by the caller's body), the sandbox note and the style. */
export function layout(title: string, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Dollr simulator</title>
<style>${new SafeHtml(PAGE_STYLE)}</style>
</head>
<body>
<main>
${body}
<p class="sandbox">This is the Dollr simulator: no real money moves.</p>
</main>
</body>
</html>
`;
}

export async function htmlResponse(
  status: number,
  page: SafeHtml,
  options: { formTargets?: readonly string[]; headers?: Record<string, string> } = {},
): Promise<Response> {
  return new Response(page.text, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": await contentSecurityPolicy(options.formTargets),
      "x-content-type-options": "nosniff",
      // The page's URL holds its token: it must not leak to the shop in a Referer.
      "referrer-policy": "no-referrer",
      "cache-control": "no-store",
      ...options.headers,
    },
  });
}

/** A page that only says something (not found, method not allowed, …). */
export function messagePage(status: number, title: string, message: string): Promise<Response> {
  return htmlResponse(status, layout(title, html`<h1>${title}</h1>\n<p>${message}</p>`));
}

/** `303 See Other` to `location` (an absolute URL or an absolute path). */
export function seeOther(location: string): Response {
  return new Response(null, {
    status: 303,
    headers: { location, "cache-control": "no-store", "referrer-policy": "no-referrer" },
  });
}

/** "2026-06-01 12:00:00 UTC" in a <time> element. */
export function timeElement(ms: number): SafeHtml {
  const iso = new Date(ms).toISOString();
  return html`<time datetime="${iso}">${iso.slice(0, 19).replace("T", " ")} UTC</time>`;
}
