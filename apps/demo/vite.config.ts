import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The server side (proxy, shop routes, simulator) is mounted by server/dev.ts in development and
// served by server/start.ts in production; this file is only the browser app's build.
// Source maps are written "hidden" (no comment in the chunks points at them); server/start.ts
// serves them only with DEMO_SOURCE_MAPS=1.
export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: "hidden" },
});
