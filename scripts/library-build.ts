/**
 * The one shape of every package's publishable build (`vite build` in the package folder):
 * ESM into dist/, one entry per `publishConfig.exports` path, `.d.ts` beside them, and every
 * package the manifest names (and Node built-ins) left as imports.
 *
 * No sourcemaps: the output is not minified (modules keep their names, code and comments, less
 * the types), so a stack trace already reads as the source; and a map either carries the whole
 * TypeScript source (`sourcesContent`, about half the package's size) or points at src/, which is
 * not published. `pnpm run check:packages` fails if a packed package holds a map.
 */
import type { PluginOption, UserConfig } from "vite";
import dts from "vite-plugin-dts";

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export interface LibraryBuildOptions {
  /** The package's package.json. */
  manifest: Manifest;
  /** Output name (without .js) → source file. */
  entry: Record<string, string>;
  /** Plugins that run before the declarations (e.g. React's). */
  plugins?: PluginOption[];
}

export function libraryBuild({ manifest, entry, plugins = [] }: LibraryBuildOptions): UserConfig {
  const packages = [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.devDependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ];
  const isExternal = (id: string) =>
    id.startsWith("node:") || packages.some((name) => id === name || id.startsWith(`${name}/`));
  return {
    plugins: [
      ...plugins,
      dts({
        tsconfigPath: "./tsconfig.build.json",
        // The sources import `./x.ts(x)`; the published declarations import `./x.js`, which
        // every moduleResolution (bundler, node16, nodenext) maps to `./x.d.ts`.
        beforeWriteFile: (filePath, content) => ({
          filePath,
          content: content.replace(/(['"])(\.{1,2}\/[^'"]+)\.tsx?\1/g, "$1$2.js$1"),
        }),
      }),
    ],
    // A library build would otherwise copy public/ into dist/.
    publicDir: false,
    build: {
      target: "es2022",
      minify: false,
      sourcemap: false,
      emptyOutDir: true,
      cssCodeSplit: false,
      lib: { entry, formats: ["es"] },
      rolldownOptions: {
        // Rolldown's note that plugins took most of the build (PLUGIN_TIMINGS) names
        // vite-plugin-dts every time: writing the declarations is the slow part, by design.
        checks: { bundlerTimings: false },
        external: isExternal,
        output: { chunkFileNames: "chunks/[name]-[hash].js" },
      },
    },
  };
}
