/**
 * Runs a composed story as Storybook would (loaders, beforeEach, render, play) in English, then
 * shows the state it reached in another language or theme by re-rendering with other globals:
 * the same React tree, so the flow keeps its state (a paid flow stays paid) while the provider
 * takes the new catalog and the page the new `data-theme`.
 */
import { flushSync } from "react-dom";
import { createRoot, type Root } from "react-dom/client";
import { clearAllMocks } from "storybook/test";
import type { StoryLanguage, StoryTheme } from "../story-locales.ts";
import type { ComposedStory } from "./stories.ts";

export interface MountedStory {
  container: HTMLElement;
  /** Re-renders the story in `language` and `theme` and waits for the frame to be painted. */
  show(language: StoryLanguage, theme: StoryTheme): Promise<void>;
  unmount(): void;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

export async function mountStory(Story: ComposedStory): Promise<MountedStory> {
  Story.globals.locale = "en";
  Story.globals.theme = "light";
  // As Storybook does per story: the meta's `fn()` args start with no calls (they are shared by
  // every story of the file).
  clearAllMocks();
  await Story.load();
  const container = document.createElement("div");
  // First in the page and nothing focused, as in Storybook: a play function's first Tab lands
  // on the story's first control.
  document.body.prepend(container);
  (document.activeElement as HTMLElement | null)?.blur();
  const root: Root = createRoot(container);
  flushSync(() => root.render(<Story />));
  await Story.play?.({ canvasElement: container });
  return {
    container,
    async show(language, theme) {
      Story.globals.locale = language;
      Story.globals.theme = theme;
      flushSync(() => root.render(<Story />));
      // Effects that follow the new messages, then layout and paint.
      await nextFrame();
      await nextFrame();
    },
    unmount() {
      root.unmount();
      container.remove();
    },
  };
}
