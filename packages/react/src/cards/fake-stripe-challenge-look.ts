/**
 * The look of the fake Stripe's 3D Secure challenge: the kit's font, colours and buttons instead
 * of the browser's serif text and grey buttons. Inline styles, because the dialog sits in the
 * top layer under <body>, outside any kit root and its stylesheet; the values read the app's
 * `--dollr-*` tokens when it sets them on :root, and follow the system's light or dark scheme.
 */

const FONT = 'var(--dollr-font-family, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif)';
const color = (token: string, light: string, dark: string) =>
  `var(--dollr-color-${token}, light-dark(${light}, ${dark}))`;
const TEXT = color("text", "#16181d", "#eceef2");
const PRIMARY = color("primary", "#1f5fd1", "#7aa7ff");
const BORDER = color("border", "#d5d9e0", "#343a45");

const DIALOG = [
  "color-scheme: light dark",
  `font-family: ${FONT}`,
  "font-size: var(--dollr-font-size, 1rem)",
  "line-height: 1.45",
  `color: ${TEXT}`,
  `background: ${color("background", "#ffffff", "#121418")}`,
  `border: 1px solid ${BORDER}`,
  "border-radius: calc(var(--dollr-radius, 0.5rem) * 1.5)",
  "box-sizing: border-box",
  "width: min(26rem, calc(100vw - 2rem))",
  "padding: 1.25rem",
  "overflow-wrap: anywhere",
  "box-shadow: 0 12px 32px rgb(0 0 0 / 0.25)",
].join(";");

const BUTTON = [
  "font: inherit",
  "font-weight: 600",
  "min-height: var(--dollr-control-height, 2.75rem)",
  "max-width: 100%",
  "padding: 0 1rem",
  "margin: 0.5rem 0.5rem 0 0",
  "border-radius: var(--dollr-radius, 0.5rem)",
  "cursor: pointer",
].join(";");

export interface ChallengeParts {
  dialog: HTMLDialogElement;
  title: HTMLElement;
  text: HTMLElement;
  complete: HTMLButtonElement;
  fail: HTMLButtonElement;
}

/** Styles the challenge like the kit: "Complete" as the primary button, "Fail" as a secondary one. */
export function styleChallenge({ dialog, title, text, complete, fail }: ChallengeParts): void {
  dialog.style.cssText = DIALOG;
  title.style.cssText = "margin: 0 0 0.5rem; font-size: 1.15em; font-weight: 600";
  text.style.cssText = `margin: 0 0 0.75rem; color: ${color("muted", "#5b6270", "#a3aab8")}`;
  complete.style.cssText = `${BUTTON};color: ${color("on-primary", "#ffffff", "#0b1020")};background: ${PRIMARY};border: 1px solid ${PRIMARY}`;
  fail.style.cssText = `${BUTTON};color: ${TEXT};background: transparent;border: 1px solid ${BORDER}`;
}
