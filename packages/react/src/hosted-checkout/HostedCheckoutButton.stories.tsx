import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, within } from "storybook/test";
import { dollrKit, withDollrKit } from "../../../../.storybook/dollr-story.tsx";
import { HostedCheckoutButton } from "./HostedCheckoutButton.tsx";

/**
 * `<HostedCheckoutButton>`: "Pay on Dollr's page" with the `url` the merchant's server got from
 * Dollr. `navigate` is a spy here, so the story never leaves Storybook.
 */
const meta = {
  title: "Kit/HostedCheckoutButton",
  component: HostedCheckoutButton,
  decorators: [withDollrKit],
  args: {
    url: "https://pay.dollr.example/pay/pay_0123456789abcdef",
    navigate: fn(),
    onBeforeRedirect: fn(),
  },
} satisfies Meta<typeof HostedCheckoutButton>;
export default meta;
type Story = StoryObj<typeof meta>;

const root = (canvasElement: HTMLElement) =>
  canvasElement.querySelector<HTMLElement>('[data-slot="hosted-checkout"]');

/** A checked link: the click calls onBeforeRedirect, then leaves for Dollr's page. */
export const Ready: Story = {
  loaders: [dollrKit({ stripe: false })],
  play: async ({ canvasElement, args }) => {
    const button = within(canvasElement).getByRole("button", { name: "Pay on Dollr's page" });
    await userEvent.click(button);
    await expect(args.onBeforeRedirect).toHaveBeenCalledWith(args.url);
    await expect(args.navigate).toHaveBeenCalledTimes(1);
    await expect(args.navigate).toHaveBeenCalledWith(args.url);
    await expect(root(canvasElement)?.dataset.state).toBe("redirecting");
    await expect(button).toHaveTextContent("Opening Dollr's payment page…");
  },
};

/** A hostile link (`javascript:`): refused in plain words; the button never navigates. */
export const RefusedLink: Story = {
  loaders: [dollrKit({ stripe: false })],
  args: { url: "javascript:alert(document.cookie)" },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(root(canvasElement)?.dataset.state).toBe("invalid");
    await expect(canvas.getByRole("button", { name: "Pay on Dollr's page" })).toBeDisabled();
    await expect(
      canvas.getByText(/This payment link can't be opened safely/, { selector: "p" }),
    ).toBeVisible();
    await expect(args.navigate).not.toHaveBeenCalled();
  },
};

/** The merchant's server has not answered yet: the button waits, disabled. */
export const Waiting: Story = {
  loaders: [dollrKit({ stripe: false })],
  args: { url: null },
  play: async ({ canvasElement }) => {
    await expect(root(canvasElement)?.dataset.state).toBe("waiting");
    await expect(within(canvasElement).getByRole("button")).toBeDisabled();
  },
};
