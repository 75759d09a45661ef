/**
 * Every story of the kit, composed with `composeStories` (loaders, decorators, play functions and
 * the preview's annotations), for the tests that run each of them in many languages and themes.
 */
import { composeStories } from "@storybook/react-vite";
import type { ComponentType } from "react";
import type { StoryLanguage, StoryTheme } from "../story-locales.ts";

/** The part of a composed story these tests use. */
export interface ComposedStory extends ComponentType {
  id: string;
  storyName: string;
  globals: Record<string, unknown> & { locale?: StoryLanguage; theme?: StoryTheme };
  load(): Promise<void>;
  play?: (context: { canvasElement: HTMLElement }) => Promise<void>;
  tags: string[];
}

export interface MatrixStory {
  /** `Kit/CheckoutFlow › Succeeded` */
  label: string;
  /** The story's id, for file names: `kit-checkoutflow--succeeded`. */
  id: string;
  Story: ComposedStory;
}

type StoryModule = Parameters<typeof composeStories>[0] & { default: { title?: string } };

const modules = import.meta.glob<StoryModule>("../../packages/*/src/**/*.stories.tsx", {
  eager: true,
});

export const MATRIX_STORIES: readonly MatrixStory[] = Object.values(modules).flatMap((module) =>
  Object.values(composeStories(module) as Record<string, ComposedStory>).map((Story) => ({
    label: `${module.default.title} › ${Story.storyName}`,
    id: Story.id,
    Story,
  })),
);
