import type { Meta, StoryObj } from "@storybook/react-vite";
import { delay, HttpResponse, http } from "msw";
import { expect, fn, userEvent, waitFor, within } from "storybook/test";
import { STORY_PROXY_PATH } from "../../../../.storybook/dollr-backend.ts";
import { dollrKit, kitOf, withDollrKit } from "../../../../.storybook/dollr-story.tsx";
import { PaymentAccountPicker } from "./PaymentAccountPicker.tsx";

/**
 * `<PaymentAccountPicker>` on its own: the customer's saved accounts as a radio group, plus
 * "Add mobile money" and "Add a card" (the kit's fake Stripe). Saved accounts live in the real
 * proxy in the browser (MSW), a fresh one per story.
 */
const meta = {
  title: "Kit/PaymentAccountPicker",
  component: PaymentAccountPicker,
  decorators: [withDollrKit],
  args: { onValueChange: fn(), onModeChange: fn() },
} satisfies Meta<typeof PaymentAccountPicker>;
export default meta;
type Story = StoryObj<typeof meta>;

const pickerState = (canvasElement: HTMLElement) =>
  canvasElement.querySelector<HTMLElement>('[data-slot="payment-account-picker"]')?.dataset.state;
const waitForPicker = (canvasElement: HTMLElement, state: string) =>
  waitFor(() => expect(pickerState(canvasElement)).toBe(state), { timeout: 5_000 });

const SAVED = dollrKit({
  wallets: [
    { phone: "231880000000", name: "Ama Kollie" },
    { phone: "231770000000", name: "Ama Kollie" },
    { phone: "250780000000", name: "Ama Uwase" },
  ],
  cards: [{ paymentMethodId: "pm_card_visa", last4: "4242" }],
});

/** The saved accounts are on their way (the proxy is slow to answer). */
export const Loading: Story = {
  loaders: [dollrKit()],
  beforeEach({ msw }) {
    msw.use(http.get(`*${STORY_PROXY_PATH}/kit/payment-accounts`, () => delay("infinite")));
  },
  play: async ({ canvasElement }) => {
    await waitForPicker(canvasElement, "loading");
    await expect(
      within(canvasElement).getByText("Loading your saved payment methods…"),
    ).toHaveAttribute("role", "status");
  },
};

/** The saved accounts could not be loaded: say so and offer to try again. */
export const LoadFailed: Story = {
  loaders: [dollrKit()],
  beforeEach({ msw }) {
    msw.use(http.get(`*${STORY_PROXY_PATH}/kit/payment-accounts`, () => HttpResponse.error()));
  },
  play: async ({ canvasElement }) => {
    await waitForPicker(canvasElement, "error");
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("alert")).toHaveTextContent(
      "We couldn't load your saved payment methods.",
    );
    await expect(canvas.getByRole("button", { name: "Try again" })).toBeEnabled();
  },
};

/** A first-time customer: nothing saved yet, both ways to add one. */
export const NoSavedAccounts: Story = {
  loaders: [dollrKit()],
  play: async ({ canvasElement }) => {
    await waitForPicker(canvasElement, "empty");
    const canvas = within(canvasElement);
    await expect(
      canvas.getByText("You have no saved payment methods yet. Add one below."),
    ).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Add mobile money" })).toBeEnabled();
    await expect(canvas.getByRole("button", { name: "Add a card" })).toBeEnabled();
  },
};

/** Wallets in Liberia and Rwanda and a card; arrow keys move and choose (one tab stop). */
export const SavedWalletsAndCards: Story = {
  loaders: [SAVED],
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const radios = await canvas.findAllByRole("radio");
    await expect(radios).toHaveLength(4);
    await expect(canvas.getByRole("radiogroup", { name: "Payment method" })).toBeVisible();
    await expect(radios[0]).toHaveTextContent("MTN Mobile Money (Liberia)");
    await expect(radios[1]).toHaveTextContent("Orange Money (Liberia)");
    await expect(radios[3]).toHaveTextContent(/Visa.*4242/);
    // The most recent saved account (the card, saved last) is chosen at first: Pay is ready.
    await waitFor(() => expect(radios[3]).toHaveAttribute("aria-checked", "true"));
    await userEvent.tab();
    await expect(radios[3]).toHaveFocus();
    await userEvent.keyboard("{ArrowDown}");
    await expect(radios[0]).toHaveFocus();
    await expect(radios[0]).toHaveAttribute("aria-checked", "true");
    await expect(args.onValueChange).toHaveBeenLastCalledWith(
      radios[0]?.dataset.value,
      expect.objectContaining({ method: "MTN_MOMO_LBR" }),
    );
  },
};

/** Adding a wallet: the phone is normalised, the operator predicted, and the new wallet chosen. */
export const AddingAWallet: Story = {
  loaders: [dollrKit()],
  play: async (context) => {
    const { canvasElement, args } = context;
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Add mobile money" }));
    await waitForPicker(canvasElement, "adding-mobile-money");
    await userEvent.type(canvas.getByLabelText("Phone number"), "+231 88-000 0000");
    await expect(
      await canvas.findByText("Operator: MTN Mobile Money (Liberia)", {}, { timeout: 5_000 }),
    ).toBeVisible();
    await userEvent.type(canvas.getByLabelText("Name on the account"), "Ama Kollie");
    await userEvent.click(canvas.getByRole("button", { name: "Save wallet" }));
    const radio = await canvas.findByRole("radio", {}, { timeout: 5_000 });
    await expect(radio).toHaveAttribute("aria-checked", "true");
    await expect(radio).toHaveTextContent("MTN Mobile Money (Liberia)");
    await expect(args.onValueChange).toHaveBeenCalledWith(
      radio.dataset.value,
      expect.objectContaining({ method: "MTN_MOMO_LBR", masked_number: "*********000" }),
    );
    const saved = await kitOf(context).client.listPaymentAccounts();
    await expect(saved.map((account) => account.method)).toEqual(["MTN_MOMO_LBR"]);
  },
};

/** A number moved from MTN to Orange: the customer overrides the predicted operator. */
export const OperatorOverride: Story = {
  loaders: [dollrKit()],
  args: { predictDelayMs: 0 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Add mobile money" }));
    await userEvent.type(canvas.getByLabelText("Phone number"), "231880000000");
    const select = await canvas.findByLabelText("Operator", {}, { timeout: 5_000 });
    await expect(
      within(select)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["Detected (MTN Mobile Money (Liberia))", "Orange Money (Liberia)"]);
    await userEvent.selectOptions(select, "ORANGE_MONEY_LBR");
    await expect(canvas.getByText("Operator: Orange Money (Liberia)")).toBeVisible();
    await userEvent.type(canvas.getByLabelText("Name on the account"), "Ama Kollie");
    await userEvent.click(canvas.getByRole("button", { name: "Save wallet" }));
    const radio = await canvas.findByRole("radio", {}, { timeout: 5_000 });
    await expect(radio).toHaveTextContent("Orange Money (Liberia)");
    await expect(radio).toHaveAttribute("aria-checked", "true");
  },
};

/** Adding a card through the fake Stripe's card field (type a test card number). */
export const AddingACard: Story = {
  loaders: [dollrKit()],
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Add a card" }));
    await waitForPicker(canvasElement, "adding-card");
    // The card form is a lazy chunk: it appears once that (and Stripe) has loaded.
    await userEvent.type(
      await canvas.findByLabelText("Name on the card", {}, { timeout: 5_000 }),
      "Ama Kollie",
    );
    await userEvent.type(
      await canvas.findByLabelText("Card number", {}, { timeout: 5_000 }),
      "4242 4242 4242 4242",
    );
    await userEvent.click(canvas.getByRole("button", { name: "Save card" }));
    const radio = await canvas.findByRole("radio", {}, { timeout: 5_000 });
    await expect(radio).toHaveTextContent(/Visa.*4242/);
    await expect(radio).toHaveAttribute("aria-checked", "true");
    await expect(args.onValueChange).toHaveBeenCalledWith(
      radio.dataset.value,
      expect.objectContaining({ type: "CARD", last4: "4242" }),
    );
  },
};

/** Dark theme while adding a card: the fake card field takes the themed text colour (as Stripe's does). */
export const DarkTheme: Story = {
  loaders: [SAVED],
  parameters: { dollr: { theme: "dark" } },
  args: { defaultMode: "add-card" },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitForPicker(canvasElement, "adding-card");
    await userEvent.type(
      await canvas.findByLabelText("Name on the card", {}, { timeout: 5_000 }),
      "Ama Kollie",
    );
    const card = await canvas.findByLabelText("Card number", {}, { timeout: 5_000 });
    await userEvent.type(card, "4242 4242 4242 4242");
    await expect(getComputedStyle(card).color).toBe("rgb(236, 238, 242)");
  },
};
