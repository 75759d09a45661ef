/**
 * Story helpers: a loader that makes a fresh backend (and fake Stripe, storage, locks and
 * QueryClient) for each story, and a decorator that renders the story inside the kit's provider.
 *
 * ```tsx
 * export const Processing: Story = {
 *   loaders: [dollrKit({ wallets: [{ phone: "231880000002" }] })],
 *   play: async (context) => { const kit = kitOf(context); … },
 * };
 * ```
 * `preview.ts` hands the kit's handlers to MSW before the story renders. Put the loader on each
 * story, not on the meta: Storybook runs the meta's loaders *and* the story's (the story's kit
 * would win, but a second backend would be made for nothing).
 */
import type { Decorator } from "@storybook/react-vite";
import type { ReactNode } from "react";
import {
  createMemoryLocks,
  createMemoryStorage,
  type EngineLocks,
} from "../packages/core/src/internal.ts";
import { createFakeStripe, type FakeStripe } from "../packages/react/src/cards/fake-stripe.ts";
import { stripeCards } from "../packages/react/src/cards/stripe-cards.ts";
import {
  createKitQueryClient,
  type DollrCards,
  DollrCheckoutProvider,
  type KitStorage,
} from "../packages/react/src/provider/index.ts";
import { CheckoutEngineTesting } from "../packages/react/src/testing/engine.tsx";
import {
  createStoryBackend,
  type StoryBackend,
  type StoryBackendOptions,
} from "./dollr-backend.ts";
import { type StoryTheme, storyLocale } from "./story-locales.ts";

export interface StoryKitOptions extends StoryBackendOptions {
  /**
   * Cards through the kit's fake Stripe. `"linked"`: its 3D Secure challenge tells the simulator
   * the outcome, as Stripe would tell Dollr. `"unlinked"`: it tells no one, so Dollr keeps
   * asking for the action. `false`: no Stripe (mobile money only). @default "linked"
   */
  stripe?: "linked" | "unlinked" | false;
  /** Pays the invoice before the story renders, with the saved account at this index. */
  pay?: { account: number; currency?: string };
}

export interface StoryKit extends StoryBackend {
  /** The payment made by `pay`, if any. */
  payment: { referenceId: string; status: string; startedAt: number } | null;
  fakeStripe: FakeStripe | null;
  /** The provider's `cards`: `stripeCards(fakeStripe.stripe)`, or null without Stripe. */
  cards: DollrCards | null;
  /** Attempts are remembered here (not localStorage, which stories running side by side share). */
  storage: KitStorage;
  /** Locks in this story only (Web Locks are shared by every frame of the origin). */
  locks: EngineLocks;
  queryClient: ReturnType<typeof createKitQueryClient>;
  /** Removes what the story left on the page (an open 3DS challenge) and stops queries. */
  dispose(): void;
}

/** Makes everything a story needs, fresh. */
export async function createStoryKit(options: StoryKitOptions = {}): Promise<StoryKit> {
  const backend = await createStoryBackend(options);
  const mode = options.stripe ?? "linked";
  const fakeStripe =
    mode === false
      ? null
      : createFakeStripe(mode === "linked" ? { simulator: backend.control } : {});
  const queryClient = createKitQueryClient();
  let payment: StoryKit["payment"] = null;
  if (options.pay) {
    const account = backend.accounts[options.pay.account];
    if (!account) throw new Error(`No saved account at index ${options.pay.account}.`);
    payment = await backend.collect(account.id, options.pay.currency);
  }
  return {
    ...backend,
    payment,
    fakeStripe,
    cards: fakeStripe ? stripeCards(fakeStripe.stripe) : null,
    storage: createMemoryStorage(),
    locks: createMemoryLocks(),
    queryClient,
    dispose() {
      fakeStripe?.dispose();
      queryClient.clear();
    },
  };
}

/** A story loader: `loaders: [dollrKit({...})]` puts a fresh kit in `context.loaded.kit`. */
export const dollrKit = (options: StoryKitOptions = {}) =>
  async function loadDollrKit(): Promise<{ kit: StoryKit }> {
    return { kit: await createStoryKit(options) };
  };

/** The story's payment (from `dollrKit({ pay })`). */
export function paymentOf(context: {
  loaded: Record<string, unknown>;
}): NonNullable<StoryKit["payment"]> {
  const payment = kitOf(context).payment;
  if (!payment) throw new Error("This story made no payment: pass `pay` to dollrKit.");
  return payment;
}

/** The story's kit (from its `dollrKit` loader). */
export function kitOf(context: { loaded: Record<string, unknown> }): StoryKit {
  const kit = context.loaded.kit as StoryKit | undefined;
  if (!kit) throw new Error("This story has no kit: add `loaders: [dollrKit({...})]`.");
  return kit;
}

/** `parameters.dollr` of a story. */
export interface DollrStoryParameters {
  /** Forces the kit's theme (`data-theme`) whatever the toolbar says, and paints the page to match. */
  theme?: StoryTheme;
}

const PAGE = { light: "#ffffff", dark: "#121418" } as const;

function Page({ theme, children }: { theme: StoryTheme; children: ReactNode }) {
  return (
    <div
      data-theme={theme}
      style={{ maxWidth: "32rem", padding: "1rem", background: PAGE[theme], colorScheme: theme }}
    >
      {children}
    </div>
  );
}

/** The story's theme: the story's own `parameters.dollr.theme`, else the toolbar's. */
export function storyTheme(context: {
  parameters: Parameters<Decorator>[1]["parameters"];
  globals: Parameters<Decorator>[1]["globals"];
}): StoryTheme {
  const forced = (context.parameters.dollr as DollrStoryParameters | undefined)?.theme;
  return forced ?? (context.globals.theme === "dark" ? "dark" : "light");
}

/**
 * Renders the story inside `<DollrCheckoutProvider>` wired to the story's kit, in the toolbar's
 * language (`locale` global: catalog and Intl locale) and theme (`theme` global).
 */
export const withDollrKit: Decorator = (Story, context) => {
  const kit = kitOf(context);
  const language = storyLocale(context.globals.locale);
  return (
    <DollrCheckoutProvider
      client={kit.client}
      cards={kit.cards}
      locale={language.locale}
      messages={language.messages}
      queryClient={kit.queryClient}
      storage={kit.storage}
    >
      <CheckoutEngineTesting clock={kit.clock} locks={kit.locks}>
        <Page theme={storyTheme(context)}>
          <Story />
        </Page>
      </CheckoutEngineTesting>
    </DollrCheckoutProvider>
  );
};
