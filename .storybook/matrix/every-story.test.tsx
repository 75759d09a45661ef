/**
 * Every story, after its play function has run in English, shown again in each language and
 * theme of the Storybook toolbar: axe finds no violation in any of them, and in the
 * pseudo-locale (40% longer) at 320 px wide no text is clipped, sticks out or overlaps, and the
 * page does not scroll sideways. A screenshot of each story in the pseudo-locale is saved to
 * .storybook/matrix/screenshots/ (git-ignored) for people to look at; it is not compared with a
 * baseline, because live times, countdowns and spinners change between runs.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { page } from "vitest/browser";
import { STORY_LOCALES, type StoryLanguage, type StoryTheme } from "../story-locales.ts";
import { axeViolations } from "./axe-check.ts";
import { mountStory } from "./mount-story.tsx";
import { reflowProblems } from "./reflow-check.ts";
import { MATRIX_STORIES } from "./stories.ts";

const LANGUAGES = Object.keys(STORY_LOCALES) as StoryLanguage[];
const THEMES: readonly StoryTheme[] = ["light", "dark"];
/** WCAG 1.4.10: 320 CSS px, what 1280 px at 400% zoom (or a small phone) leaves. */
const NARROW = { width: 320, height: 720 };
/** Accented letters only the pseudo-locale writes: the story really is in it. */
const PSEUDO_TEXT = /[àéîöûñ]/;
/** Stories that render outside the toolbar's provider (a server render, the tokens page). */
const OWN_LANGUAGE = new Set(["kit-checkoutflow--loading", "theming-tokens--tokens"]);

beforeAll(async () => {
  await page.viewport(NARROW.width, NARROW.height);
});
afterAll(() => {
  for (const dialog of document.querySelectorAll("dialog")) dialog.remove();
});

it("finds the stories", () => {
  expect(MATRIX_STORIES.length).toBeGreaterThan(40);
  expect(LANGUAGES).toEqual(["en", "fr", "rw", "sw", "pseudo"]);
});

for (const { label, id, Story } of MATRIX_STORIES) {
  it(label, async () => {
    const story = await mountStory(Story);
    // The page the play function left: every language and theme must re-render it, not remount.
    const playedPage = story.container.firstElementChild;
    try {
      for (const theme of THEMES) {
        for (const language of LANGUAGES) {
          await story.show(language, theme);
          const where = `${language}, ${theme}`;
          expect(story.container.firstElementChild, `same page in ${where}`).toBe(playedPage);
          expect.soft(await axeViolations(story.container), `axe in ${where}`).toEqual([]);
          if (language !== "pseudo") continue;
          if (!OWN_LANGUAGE.has(id)) {
            expect.soft(story.container.textContent, `shown in ${where}`).toMatch(PSEUDO_TEXT);
          }
          expect.soft(reflowProblems(story.container), `reflow in ${where}`).toEqual([]);
          if (theme === "light") {
            await page.screenshot({ path: `screenshots/${id}.png`, element: story.container });
          }
        }
      }
    } finally {
      story.unmount();
    }
  });
}
