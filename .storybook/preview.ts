/// <reference types="vite/client" />
import type { Preview } from "@storybook/react-vite";
import { mswLoader } from "msw-storybook-addon/csf3";
import type { StoryKit } from "./dollr-story.tsx";
import { STORY_LOCALES } from "./story-locales.ts";
// The kit's optional stylesheet (`@dollr-kit/react/styles.css`), so stories look as they ship.
import "../packages/react/src/styles.css";

const preview: Preview = {
  loaders: [mswLoader()],
  async beforeEach(context) {
    // Loaders have run: MSW is up and its handlers were reset for this story. Send the proxy's
    // and the simulator's paths to this story's fresh backend. A story's own `beforeEach` runs
    // after this one, so its `msw.use(...)` overrides (a proxy that is down) take precedence.
    const kit = context.loaded.kit as StoryKit | undefined;
    if (!kit) return;
    context.msw.use(...kit.handlers);
    return () => kit.dispose();
  },
  // The toolbar: every story in each language and theme (the decorator in dollr-story.tsx).
  globalTypes: {
    locale: {
      description: "The kit's language (catalog and Intl locale)",
      toolbar: {
        title: "Language",
        icon: "globe",
        items: Object.entries(STORY_LOCALES).map(([value, { title }]) => ({ value, title })),
        dynamicTitle: true,
      },
    },
    theme: {
      description: "The kit's theme (data-theme)",
      toolbar: {
        title: "Theme",
        icon: "mirror",
        items: [
          { value: "light", title: "Light", icon: "sun" },
          { value: "dark", title: "Dark", icon: "moon" },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: "en", theme: "light" },
  parameters: {
    // An axe violation fails the story's test, not just a warning in the panel.
    a11y: { test: "error" },
    layout: "padded",
  },
};
export default preview;
