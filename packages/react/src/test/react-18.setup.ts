/**
 * Setup of the `react-18` Vitest project: the react package's tests on React 18.3 and
 * react-dom 18.3 (installed as `react-18` and `react-dom-18`). The project's `resolve.alias`
 * sends the kit's and the tests' own `react`/`react-dom` imports there; this sends the
 * `require("react")` of packages Node loads itself (react-dom 18, Testing Library) there too, since
 * pnpm links react-dom 18's peer `react` to the workspace's React 19.
 */
import Module, { createRequire } from "node:module";
import path from "node:path";
import { afterAll } from "vitest";

const require = createRequire(import.meta.url);
const folders: Record<string, string> = {
  react: path.dirname(require.resolve("react-18/package.json")),
  "react-dom": path.dirname(require.resolve("react-dom-18/package.json")),
};

type ResolveFilename = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: ResolveFilename };
const resolveFilename = loader._resolveFilename;
loader._resolveFilename = function resolveReact18(request, ...rest) {
  const match = /^(react|react-dom)(\/.*)?$/.exec(request);
  const target = match ? `${folders[match[1] as string]}${match[2] ?? ""}` : request;
  return resolveFilename.call(this, target, ...rest);
};
afterAll(() => {
  loader._resolveFilename = resolveFilename;
});
