import type { Preview } from "@storybook/react-vite";
import { mswLoader } from "msw-storybook-addon/csf3";

const preview: Preview = {
  loaders: [mswLoader()],
  // An axe violation fails the story's test, not just a warning in the panel.
  parameters: { a11y: { test: "error" } },
};
export default preview;
