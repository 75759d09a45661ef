import type { QueryClient } from "@tanstack/react-query";
import { type RenderResult, render } from "@testing-library/react";
import { type ReactElement, type ReactNode, StrictMode } from "react";
import type { DollrClient } from "../internal/client.ts";
import type { DollrMessages } from "../messages.ts";
import type { DollrCards } from "../provider/cards.ts";
import type { KitStorage } from "../provider/context.ts";
import { createKitQueryClient, DollrCheckoutProvider } from "../provider/DollrCheckoutProvider.tsx";

export interface KitWrapperOptions {
  /** The proxy client (e.g. `createProxyClient({ baseUrl, fetch })` over a simulator). */
  client: DollrClient;
  /**
   * Card payments: `stripeCards(fake.stripe)` (`stripeCards` from `@dollr-kit/react/cards`,
   * `createFakeStripe` from `@dollr-kit/react/cards/testing`), or null. @default null
   */
  cards?: DollrCards | null | undefined;
  /** @default "en-US" */
  locale?: string | undefined;
  messages?: DollrMessages | undefined;
  /** @default a fresh QueryClient with retries off */
  queryClient?: QueryClient | undefined;
  /** Where attempts are kept (use the same one across renders to test a reload). */
  storage?: KitStorage | undefined;
  /** Wraps the tree in `<StrictMode>`. @default true */
  strict?: boolean | undefined;
}

/**
 * A wrapper component for Testing Library's `render(ui, { wrapper })` or `renderHook`: the kit's
 * provider with a fresh QueryClient, inside StrictMode by default.
 */
export function createKitWrapper(options: KitWrapperOptions): {
  Wrapper: (props: { children?: ReactNode }) => ReactElement;
  queryClient: QueryClient;
} {
  const queryClient = options.queryClient ?? createKitQueryClient();
  // biome-ignore lint/correctness/noComponentHookFactories: one wrapper per test render, closing over its options (Testing Library's `wrapper` takes a component).
  function Wrapper({ children }: { children?: ReactNode }) {
    const tree = (
      <DollrCheckoutProvider
        client={options.client}
        cards={options.cards ?? null}
        locale={options.locale ?? "en-US"}
        messages={options.messages}
        queryClient={queryClient}
        storage={options.storage}
      >
        {children}
      </DollrCheckoutProvider>
    );
    return options.strict === false ? tree : <StrictMode>{tree}</StrictMode>;
  }
  return { Wrapper, queryClient };
}

/** `render` from Testing Library, inside the kit's provider. */
export function renderWithKit(
  ui: ReactElement,
  options: KitWrapperOptions & { container?: HTMLElement; baseElement?: HTMLElement },
): RenderResult & { queryClient: QueryClient } {
  const { client, cards, locale, messages, queryClient, storage, strict, ...renderOptions } =
    options;
  const { Wrapper, queryClient: usedClient } = createKitWrapper({
    client,
    cards,
    locale,
    messages,
    queryClient,
    storage,
    strict,
  });
  const result: RenderResult = render(ui, { ...renderOptions, wrapper: Wrapper });
  return Object.assign(result, { queryClient: usedClient });
}
