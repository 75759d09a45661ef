import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, fn, userEvent, within } from "storybook/test";
import { dollrKit, withDollrKit } from "../../../../../.storybook/dollr-story.tsx";
import { WaitHelp } from "./WaitHelp.tsx";

/**
 * `<WaitHelp>`, shown under a mobile-money wait: "Didn't get the prompt?" with the operator's
 * approval code, and the prompt's countdown when the server says when it expires. The stories
 * that count fix their clock with `now`, so they look the same on every run.
 */
const meta = {
  title: "Kit/CheckoutFlow/WaitHelp",
  component: WaitHelp,
  decorators: [withDollrKit],
  args: { operator: "MTN_MOMO_RWA", onOpenChange: fn() },
} satisfies Meta<typeof WaitHelp>;
export default meta;
type Story = StoryObj<typeof meta>;

const NOW = Date.parse("2026-06-01T12:00:00.000Z");
const toggle = (canvasElement: HTMLElement) =>
  within(canvasElement).getByRole("button", { name: "Didn't get the prompt?" });

/** MTN MoMo Rwanda, opened: dial *182*7*1# (a link that pre-dials it on the phone). */
export const MtnRwanda: Story = {
  loaders: [dollrKit()],
  play: async ({ canvasElement, args }) => {
    const button = toggle(canvasElement);
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(button);
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await expect(args.onOpenChange).toHaveBeenCalledWith(true);
    const link = within(canvasElement).getByRole("link", { name: "Dial *182*7*1#" });
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute("href", "tel:*182*7*1%23");
  },
};

/** Orange Money Liberia, with 1:42 left on the prompt (a fixed clock). */
export const CountingDown: Story = {
  loaders: [dollrKit()],
  args: {
    operator: "ORANGE_MONEY_LBR",
    promptExpiresAt: new Date(NOW + 102_000).toISOString(),
    now: NOW,
    defaultOpen: true,
  },
  play: async ({ canvasElement }) => {
    const timer = within(canvasElement).getByRole("timer");
    await expect(timer).toHaveTextContent("The prompt expires in 1:42.");
    await expect(timer).toHaveAttribute("aria-live", "off");
    await expect(within(canvasElement).getByText(/Dial \*144# on your Orange line/)).toBeVisible();
  },
};

/** The real clock: five minutes from when the story opened (MTN's prompt lifetime). */
export const LiveClock: Story = {
  loaders: [dollrKit()],
  args: { operator: "MTN_MOMO_LBR" },
  render: function LiveClockStory(args) {
    const [expiresAt] = useState(() => new Date(Date.now() + 5 * 60_000).toISOString());
    return <WaitHelp {...args} promptExpiresAt={expiresAt} />;
  },
  play: async ({ canvasElement }) => {
    // The timer only: its first words are also in the (visually hidden) live region.
    const timer = await within(canvasElement).findByRole("timer");
    await expect(timer).toHaveTextContent(/^The prompt expires in [45]:\d\d\.$/);
    await expect(timer).toBeVisible();
  },
};

/** The prompt's time is up; the page keeps checking for the result. */
export const Expired: Story = {
  loaders: [dollrKit()],
  args: { promptExpiresAt: new Date(NOW - 1_000).toISOString(), now: NOW },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole("timer")).toHaveTextContent(
      /^The prompt has expired\./,
    );
  },
};

/** No operator named, only the country: the steps of each operator there. */
export const CountryOnly: Story = {
  loaders: [dollrKit()],
  args: { operator: undefined, country: "RW", defaultOpen: true },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getAllByRole("link")).toHaveLength(2);
  },
};
