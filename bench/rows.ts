/** The table of `pnpm bench`: one row per measure, and how its cells are written. */

export type Row = [
  area: string,
  measure: string,
  kit: string,
  reference: string,
  goal: string,
  ok: string,
];

export const pass = (ok: boolean) => (ok ? "✅" : "❌");
export const bytes = (n: number) => `${n.toLocaleString("en-US")} B`;
export const seconds = (ms: number | null) => (ms === null ? "never" : `${ms / 1000} s`);
