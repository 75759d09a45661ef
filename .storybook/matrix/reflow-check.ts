/**
 * Geometric checks of a rendered story at a narrow width (WCAG 1.4.10 reflow): the page does not
 * scroll sideways, no box that hides its overflow cuts its content, no text sticks out of the
 * story, and no two runs of text overlap. Text visually hidden for screen readers is skipped.
 */

const TOLERANCE = 1;

/** `button[data-slot="button"]` with its first words, to find it in a failure message. */
function nameOf(element: Element): string {
  const slot = element.getAttribute("data-slot");
  const words = (element.textContent ?? "").trim().slice(0, 40);
  return `${element.tagName.toLowerCase()}${slot ? `[data-slot="${slot}"]` : ""} "${words}"`;
}

/** Screen-reader-only boxes (1 px, clipped) and what they hold. */
function isVisuallyHidden(element: Element): boolean {
  for (let at: Element | null = element; at; at = at.parentElement) {
    const box = at.getBoundingClientRect();
    if (box.width <= 1 && box.height <= 1) return true;
    if (getComputedStyle(at).clip.startsWith("rect(0")) return true;
  }
  return false;
}

const FORM_CONTROLS = new Set(["INPUT", "SELECT", "TEXTAREA"]);

function textRuns(container: HTMLElement): { node: Text; rects: DOMRect[] }[] {
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  const runs: { node: Text; rects: DOMRect[] }[] = [];
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const parent = node.parentElement;
    if (!node.data.trim() || !parent || isVisuallyHidden(parent)) continue;
    if (parent.closest("style, script, option, select")) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((rect) => rect.width > 0 && rect.height > 0);
    if (rects.length > 0) runs.push({ node, rects });
  }
  return runs;
}

const overlap = (a: DOMRect, b: DOMRect) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > TOLERANCE &&
  Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > TOLERANCE;

/** What breaks the reflow, one line each (empty when the story reflows). */
export function reflowProblems(container: HTMLElement): string[] {
  const problems: string[] = [];
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth + TOLERANCE) {
    problems.push(`the page scrolls sideways: ${page.scrollWidth}px wide in ${page.clientWidth}px`);
  }
  for (const element of container.querySelectorAll<HTMLElement>("*")) {
    if (FORM_CONTROLS.has(element.tagName) || isVisuallyHidden(element)) continue;
    const { overflowX } = getComputedStyle(element);
    if (overflowX !== "visible" && element.scrollWidth > element.clientWidth + TOLERANCE) {
      problems.push(
        `${nameOf(element)} cuts its content (overflow ${overflowX}): ${element.scrollWidth}px in ${element.clientWidth}px`,
      );
    }
  }
  const bounds = container.getBoundingClientRect();
  const runs = textRuns(container);
  for (const [index, run] of runs.entries()) {
    const outside = run.rects.find(
      (rect) => rect.left < bounds.left - TOLERANCE || rect.right > bounds.right + TOLERANCE,
    );
    if (outside) {
      problems.push(`text sticks out of the story: "${run.node.data.trim().slice(0, 40)}"`);
    }
    for (const other of runs.slice(index + 1)) {
      if (run.rects.some((rect) => other.rects.some((otherRect) => overlap(rect, otherRect)))) {
        problems.push(
          `text overlaps: "${run.node.data.trim().slice(0, 40)}" and "${other.node.data.trim().slice(0, 40)}"`,
        );
      }
    }
  }
  return problems;
}
