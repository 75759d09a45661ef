import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Shared Vite/Vitest settings. Every package's tests run from here, one project each,
// so a single `vitest run` covers the workspace and shares one worker pool.
const propertyRuns = Number(process.env.DOLLR_PROPERTY_RUNS ?? 0) || undefined;

export default defineConfig({
  test: {
    env: propertyRuns ? { DOLLR_PROPERTY_RUNS: String(propertyRuns) } : {},
    restoreMocks: true,
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: "core", environment: "node", include: ["packages/core/src/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "simulator",
          environment: "node",
          include: ["packages/simulator/src/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "server",
          environment: "node",
          include: ["packages/server/src/**/*.test.ts"],
        },
      },
    ],
  },
});
