/**
 * A tiny router on the history API: five pages do not need a dependency.
 */
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from "react";

export type Route =
  | { name: "shop" }
  | { name: "checkout"; orderId: number }
  /** Where Dollr's page sends the customer back (its success URL). */
  | { name: "return"; orderId: number }
  | { name: "receipt"; orderId: number }
  | { name: "not_found" };

const listeners = new Set<() => void>();
// Set by `navigate`, read by the next page's heading: move focus there (not on the first load).
let navigatedInApp = false;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  const hash = new URL(to, window.location.href).hash.slice(1);
  navigatedInApp = hash === "";
  window.scrollTo(0, 0);
  for (const listener of listeners) listener();
  if (hash) {
    // After the page rendered: bring the target into view and give it focus.
    requestAnimationFrame(() => {
      const target = document.getElementById(hash);
      target?.scrollIntoView({ block: "start" });
      target?.focus({ preventScroll: true });
    });
  }
}

/** Whether the page was reached by an in-app navigation (so focus should move to it). */
export function takeNavigated(): boolean {
  const value = navigatedInApp;
  navigatedInApp = false;
  return value;
}

export function matchRoute(pathname: string): Route {
  if (pathname === "/" || pathname === "") return { name: "shop" };
  const checkout = /^\/checkout\/([1-9]\d{0,15})\/?$/.exec(pathname);
  if (checkout) return { name: "checkout", orderId: Number(checkout[1]) };
  const order = /^\/orders\/([1-9]\d{0,15})\/(return|receipt)\/?$/.exec(pathname);
  if (order)
    return { name: order[2] === "return" ? "return" : "receipt", orderId: Number(order[1]) };
  return { name: "not_found" };
}

export function useRoute(): Route {
  const pathname = useSyncExternalStore(
    subscribe,
    () => window.location.pathname,
    () => "/",
  );
  return matchRoute(pathname);
}

/** An `<a>` that navigates in the app (and behaves as a link for new tabs, modifiers, etc.). */
export function Link({
  href,
  onClick,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      rest.target === "_blank"
    ) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}
