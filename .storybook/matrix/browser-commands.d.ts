// The matrix project's own browser command (vitest-project.ts).
import type { MediaFeatures } from "./vitest-project.ts";

declare module "vitest/browser" {
  interface BrowserCommands {
    emulateMedia(features: MediaFeatures): Promise<void>;
  }
}
