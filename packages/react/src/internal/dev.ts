/**
 * Development-only diagnostics. Every call sits behind `process.env.NODE_ENV !== "production"`,
 * which bundlers replace with a constant, so the messages vanish from production builds.
 */

const warned = new Set<string>();

/** `console.warn` once per distinct message, in development only. */
export function devWarnOnce(message: string): void {
  if (process.env.NODE_ENV === "production") return;
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`[@dollr-kit/react] ${message}`);
}

/** `console.warn` every time, in development only. */
export function devWarn(message: string): void {
  if (process.env.NODE_ENV === "production") return;
  console.warn(`[@dollr-kit/react] ${message}`);
}

/** Forgets which messages were already shown (tests). */
export function resetDevWarnings(): void {
  warned.clear();
}
