import { DollrCheckoutProvider } from "@dollr-kit/react";
import { QueryClientProvider, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { shopApi } from "./api.ts";
import { DevPanel } from "./dev/DevPanel.tsx";
import { cardsFor, client, queryClient, realtime, scopedStorage, useKitConfig } from "./kit.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import { useLanguage } from "./language.ts";
import { PaymentBanner } from "./PaymentBanner.tsx";
import { CheckoutPage } from "./pages/CheckoutPage.tsx";
import { NotFoundPage } from "./pages/NotFoundPage.tsx";
import { ReceiptPage } from "./pages/ReceiptPage.tsx";
import { ReturnPage } from "./pages/ReturnPage.tsx";
import { ShopPage } from "./pages/ShopPage.tsx";
import { Link, useRoute } from "./router.tsx";
import { cartStore, useStore } from "./store.ts";

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Shell />
    </QueryClientProvider>
  );
}

export function useShopInfo() {
  return useQuery({
    queryKey: ["demo", "info"],
    queryFn: shopApi.info,
    staleTime: Infinity,
    retry: 2,
  });
}

function Shell() {
  const route = useRoute();
  const info = useShopInfo();
  const config = useKitConfig();
  // The developer panel (and its settings) only where the developer controls are on.
  const devPanel = info.data?.simulator === true && info.data.dev_controls === true;
  const instance = info.data?.instance;
  const storage = useMemo(() => (instance ? scopedStorage(instance) : undefined), [instance]);
  // A loader: the kit calls it at the first card need only, so the shop, a mobile-money
  // checkout and the receipt never request Stripe.js.
  const cards = cardsFor(config.data?.stripe_publishable_key);

  const cart = useStore(cartStore);
  const count = Object.values(cart).reduce((sum, qty) => sum + qty, 0);
  // The kit speaks the chosen language (its catalog, loaded when chosen) with its locale's
  // numbers and dates; the shop's own pages stay in English (marked `lang="en"`).
  const language = useLanguage();

  return (
    <DollrCheckoutProvider
      client={client}
      cards={cards}
      realtime={realtime}
      locale={language.locale}
      messages={language.messages}
      storage={storage}
    >
      <div className="app" data-simulator={devPanel ? "" : undefined}>
        <a className="skip-link" href="#main" lang="en">
          Skip to content
        </a>
        <header className="site-header">
          <div className="site-header-inner">
            <Link href="/" className="brand">
              <span className="brand-mark" aria-hidden="true" />
              Kola Market
            </Link>
            <nav aria-label="Main" lang="en">
              <Link href="/" className="nav-link">
                Shop
              </Link>
              <Link href="/#cart" className="nav-link">
                Cart <span className="badge">{count}</span>
                <span className="visually-hidden">{count === 1 ? " item" : " items"}</span>
              </Link>
            </nav>
            <LanguageSwitch />
          </div>
        </header>
        <div className="layout">
          <main id="main" tabIndex={-1}>
            <PaymentBanner route={route} />
            {route.name === "shop" ? (
              <div lang="en" className="contents">
                <ShopPage />
              </div>
            ) : null}
            {route.name === "checkout" ? (
              <CheckoutPage
                key={route.orderId}
                orderId={route.orderId}
                simulator={devPanel}
                ready={!info.isPending}
              />
            ) : null}
            {route.name === "return" ? (
              <ReturnPage key={route.orderId} orderId={route.orderId} simulator={devPanel} />
            ) : null}
            {route.name === "receipt" ? (
              <ReceiptPage key={route.orderId} orderId={route.orderId} />
            ) : null}
            {route.name === "not_found" ? <NotFoundPage /> : null}
          </main>
          {devPanel ? <DevPanel /> : null}
        </div>
        <footer className="site-footer" lang="en">
          <p>
            A demo shop for the Dollr checkout kit.{" "}
            {info.data?.mode === "dollr"
              ? "Connected to the real Dollr: payments here move real money."
              : "Payments go to the built-in simulator: no real money moves."}
          </p>
        </footer>
      </div>
    </DollrCheckoutProvider>
  );
}
