/**
 * What assistive technology gets from the page, read from Chromium: the text of every live
 * region as it changes (a MutationObserver installed before the app runs), the live regions of
 * Chromium's accessibility tree (CDP), where the focus is, and whether the page scrolls sideways.
 */
import type { Page } from "@playwright/test";
import { expect } from "./fixtures.ts";

export interface Announcement {
  /** The region's `data-slot` (or its role). */
  region: string;
  text: string;
}

declare global {
  interface Window {
    __announcements?: Announcement[];
  }
}

/**
 * Records each new text of each live region in `main` (`aria-live`, or role status, alert or
 * log), once per change, empty texts left out: what a screen reader would be asked to say. A
 * region added with text already in it counts too. Call before the first `goto`.
 */
export async function recordAnnouncements(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const LIVE =
      '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]';
    const said = new WeakMap<Element, string>();
    const log: Announcement[] = [];
    window.__announcements = log;
    const regionsAround = (node: Node): Element[] => {
      const regions: Element[] = [];
      let element = node instanceof Element ? node : node.parentElement;
      while (element) {
        const region: Element | null = element.closest(LIVE);
        if (!region) break;
        regions.push(region);
        element = region.parentElement;
      }
      if (node instanceof Element) regions.push(...node.querySelectorAll(LIVE));
      return regions;
    };
    const observer = new MutationObserver((mutations) => {
      const touched = new Set<Element>();
      for (const mutation of mutations) {
        for (const region of regionsAround(mutation.target)) touched.add(region);
        for (const added of mutation.addedNodes) {
          for (const region of regionsAround(added)) touched.add(region);
        }
      }
      for (const region of touched) {
        if (!region.isConnected || !region.closest("main")) continue;
        const text = (region.textContent ?? "").replace(/\s+/g, " ").trim();
        if (said.get(region) === text) continue;
        said.set(region, text);
        const name =
          region.getAttribute("data-slot") ?? region.getAttribute("role") ?? region.tagName;
        if (text) log.push({ region: name, text });
      }
    });
    const start = () =>
      observer.observe(document.documentElement, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    if (document.documentElement) start();
    else document.addEventListener("DOMContentLoaded", start, { once: true });
  });
}

export async function announcements(page: Page): Promise<Announcement[]> {
  return page.evaluate(() => window.__announcements ?? []);
}

interface AXValue {
  value?: unknown;
}
interface AXNode {
  nodeId: string;
  ignored: boolean;
  role?: AXValue;
  name?: AXValue;
  properties?: { name: string; value: AXValue }[];
  childIds?: string[];
}

/**
 * The live regions in Chromium's accessibility tree (`Accessibility.getFullAXTree`): for each
 * region root (`live` polite or assertive), its role and the text a screen reader would read.
 */
export async function liveRegionsInAXTree(
  page: Page,
): Promise<{ role: string; live: string; text: string }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as { nodes: AXNode[] };
    const byId = new Map(nodes.map((node) => [node.nodeId, node]));
    // The text a screen reader reads: the static text under the node (an ignored wrapper, as a
    // <b>, is looked through; ignored text, hidden, is not read).
    const textOf = (node: AXNode): string => {
      if (node.role?.value === "StaticText")
        return node.ignored ? "" : String(node.name?.value ?? "");
      return (node.childIds ?? [])
        .map((id) => byId.get(id))
        .filter((child): child is AXNode => child !== undefined)
        .map(textOf)
        .join("");
    };
    const regions: { role: string; live: string; text: string }[] = [];
    for (const node of nodes) {
      if (node.ignored) continue;
      const live = node.properties?.find((property) => property.name === "live")?.value.value;
      if (live !== "polite" && live !== "assertive") continue;
      const text = textOf(node).replace(/\s+/g, " ").trim();
      regions.push({ role: String(node.role?.value ?? ""), live, text });
    }
    return regions;
  } finally {
    await cdp.detach();
  }
}

export interface FocusInfo {
  onBody: boolean;
  inStatus: boolean;
  inFlow: boolean;
  tag: string;
  slot: string | null;
  text: string;
}

/** Where the focus is now. */
export async function focusInfo(page: Page): Promise<FocusInfo> {
  return page.evaluate(() => {
    const active = document.activeElement;
    return {
      onBody: active === null || active === document.body,
      inStatus: active?.closest('[data-slot="execution-status"]') != null,
      inFlow: active?.closest('[data-slot="checkout-flow"]') != null,
      tag: active?.tagName.toLowerCase() ?? "",
      slot: active?.getAttribute("data-slot") ?? null,
      text: (active?.textContent ?? "").replace(/\s+/g, " ").trim(),
    };
  });
}

/** The page does not scroll sideways (WCAG 1.4.10); names what sticks out when it does. */
export async function expectNoHorizontalScroll(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => {
    const scroller = document.scrollingElement ?? document.documentElement;
    const width = scroller.clientWidth;
    const sticksOut = (element: Element) => element.getBoundingClientRect().right > width + 0.5;
    // The innermost culprits: elements that stick out while none of their children does.
    const wider = [...document.querySelectorAll("body *")]
      .filter((element) => sticksOut(element) && ![...element.children].some(sticksOut))
      .slice(0, 5)
      .map((element) => {
        const slot = element.getAttribute("data-slot");
        const right = Math.round(element.getBoundingClientRect().right);
        return `${element.tagName.toLowerCase()}${slot ? `[${slot}]` : ""} ${element.className} (right ${right})`;
      });
    return { scrollWidth: scroller.scrollWidth, clientWidth: width, wider };
  });
  expect(
    overflow.scrollWidth,
    `${what}: scrolls sideways (${overflow.clientWidth} px wide): ${overflow.wider.join("; ")}`,
  ).toBeLessThanOrEqual(overflow.clientWidth);
}
