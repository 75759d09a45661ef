import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Shared Vite/Vitest settings. Every package's tests run from here, one project each,
// so a single `vitest run` covers the workspace and shares one worker pool.
const nodeProject = (name: string) => ({
  extends: true as const,
  test: { name, environment: "node" as const, include: [`packages/${name}/src/**/*.test.ts`] },
});

export default defineConfig({
  test: {
    restoreMocks: true,
    testTimeout: 30_000,
    projects: [
      nodeProject("core"),
      nodeProject("simulator"),
      nodeProject("server"),
      {
        extends: true,
        plugins: [react()],
        test: {
          name: "react",
          environment: "happy-dom",
          include: ["packages/react/src/**/*.test.{ts,tsx}"],
          exclude: ["packages/react/src/**/*.server.test.{ts,tsx}"],
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: "react-server",
          environment: "node",
          include: ["packages/react/src/**/*.server.test.{ts,tsx}"],
        },
      },
    ],
  },
});
