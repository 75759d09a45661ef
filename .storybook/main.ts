import type { StorybookConfig } from "@storybook/react-vite";

const config: StorybookConfig = {
  stories: ["../packages/*/src/**/*.stories.@(ts|tsx)"],
  addons: ["@storybook/addon-vitest", "@storybook/addon-a11y", "msw-storybook-addon"],
  framework: { name: "@storybook/react-vite", options: {} },
  // Serves mockServiceWorker.js: the stories' proxy and simulator run in the browser (MSW).
  staticDirs: ["./public"],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // No "Get started" checklist in the sidebar or the menu: this Storybook documents the kit.
  features: { sidebarOnboardingChecklist: false, menuOnboardingChecklist: false },
  // `storybook build` (in the test command) is a static site for people, not a shipped bundle:
  // only its warnings and errors are worth printing.
  viteFinal: (viteConfig, { configType }) => {
    if (configType !== "PRODUCTION") return viteConfig;
    return {
      ...viteConfig,
      // The list of every file written (about 60 lines) says nothing a reader acts on.
      logLevel: "warn",
      build: {
        ...viteConfig.build,
        // The preview's main chunk (Storybook's runtime, React, axe for the a11y addon) is about
        // 1.1 MB and is never shipped to a shop. What the kit costs a page is measured and
        // budgeted elsewhere (`pnpm size`, bench/size.ts); this limit only catches a runaway.
        chunkSizeWarningLimit: 2_000,
        rolldownOptions: {
          ...viteConfig.build?.rolldownOptions,
          // Rolldown's note that plugins took most of the build (react-docgen here) comes and
          // goes with the machine's load: nothing to act on.
          checks: { ...viteConfig.build?.rolldownOptions?.checks, bundlerTimings: false },
          onLog(level, log, handler) {
            // `"use client"` at the top of @tanstack/react-query's modules (and the kit's entries)
            // marks a client boundary for React Server Components frameworks. In this
            // browser-only bundle it has no meaning, so dropping it, which Rolldown warns about
            // (15 warnings, about 200 lines), is right. Other directives still warn.
            if (log.code === "MODULE_LEVEL_DIRECTIVE" && log.message.includes('"use client"')) {
              return;
            }
            handler(level, log);
          },
        },
      },
    };
  },
};
export default config;
