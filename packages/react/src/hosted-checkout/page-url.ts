/**
 * Which links the kit sends a customer to (Dollr's hosted checkout, Dollr's receipt page): an
 * absolute `https://` URL, or `http://` on this machine only (localhost, 127.0.0.1, [::1]) for
 * development against the simulator. The link arrives from outside (your server relays Dollr's
 * answer), so it is read as hostile: `javascript:`, `data:`, relative and protocol-relative
 * paths, credentials in the URL, spaces, control characters and backslashes are refused before
 * anything navigates. Error messages never quote the link (it carries a payment token).
 */

/** Why a link was refused (`PageUrlError.problem`). */
export type PageUrlProblem =
  /** Not a non-empty string. */
  | "missing"
  /** Too long, or holds a backslash or anything but printable ASCII (spaces, controls). */
  | "malformed"
  /** Not `scheme://host…`: a relative path, `//host`, `javascript:`, `data:`, `mailto:`… */
  | "not_absolute"
  /** `http://` to a host other than this machine. */
  | "insecure"
  /** A user name or password in the URL (`https://dollr.com@evil.example`). */
  | "credentials"
  /** An origin outside the `allowedOrigins` given. */
  | "origin";

/** A link the kit refused; `problem` says why. The message never quotes the link. */
export class PageUrlError extends Error {
  readonly problem: PageUrlProblem;
  constructor(problem: PageUrlProblem, message: string) {
    super(message);
    this.name = "PageUrlError";
    this.problem = problem;
  }
}

/** A link that passed: `url` is the parsed, normalised form (what is navigated to). */
export type PageUrlCheck = { ok: true; url: string } | { ok: false; error: PageUrlError };

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["localhost", "127.0.0.1", "[::1]"]);
const MAX_URL_LENGTH = 4096;
// Printable ASCII only: the URL parser strips or rewrites the rest (spaces, control characters,
// a backslash, which is a slash for http), and a non-ASCII host can imitate another's name.
const UNSAFE_CHARACTERS = /[^\x21-\x7e]|\\/;
const ABSOLUTE_HTTP = /^https?:\/\/[^/]/i;

const refuse = (problem: PageUrlProblem, message: string): PageUrlCheck => ({
  ok: false,
  error: new PageUrlError(problem, message),
});

/** Reads `allowedOrigins` into origins (`https://pay.example`), ignoring entries that are not. */
function originsOf(allowed: readonly string[]): Set<string> {
  const origins = new Set<string>();
  for (const entry of allowed) {
    if (typeof entry === "string" && URL.canParse(entry)) origins.add(new URL(entry).origin);
  }
  return origins;
}

/**
 * Checks a link before the kit opens it.
 *
 * @param allowedOrigins when given, the link's origin must be one of these (e.g. Dollr's
 * hosted-checkout origin), on top of the rules above.
 */
export function checkPageUrl(url: unknown, allowedOrigins?: readonly string[]): PageUrlCheck {
  if (typeof url !== "string" || url === "") {
    return refuse("missing", "No link was given: pass the `url` your server got from Dollr.");
  }
  if (url.length > MAX_URL_LENGTH || UNSAFE_CHARACTERS.test(url)) {
    return refuse(
      "malformed",
      "The link is too long, or holds characters other than printable ASCII.",
    );
  }
  if (!ABSOLUTE_HTTP.test(url) || !URL.canParse(url)) {
    return refuse(
      "not_absolute",
      "The link is not an absolute https:// URL (relative paths and other schemes are refused).",
    );
  }
  const parsed = new URL(url);
  if (parsed.username !== "" || parsed.password !== "") {
    return refuse("credentials", "The link carries a user name or password: refused.");
  }
  if (parsed.protocol === "http:" && !LOOPBACK_HOSTS.has(parsed.hostname)) {
    return refuse(
      "insecure",
      "The link is http://: only https:// is opened (http:// on localhost only).",
    );
  }
  if (allowedOrigins && !originsOf(allowedOrigins).has(parsed.origin)) {
    return refuse("origin", "The link's origin is not in `allowedOrigins`.");
  }
  return { ok: true, url: parsed.href };
}
