// axe-core reaches the matrix project through an alias (vitest-project.ts): it is the a11y
// addon's dependency, not the repository's. Only what axe-check.ts calls.
declare module "axe-core" {
  const axe: import("./axe-check.ts").Axe;
  export default axe;
}
