/**
 * `asChild` (the Slot): the app's element in place of the part's, with props, refs and handlers
 * composed — on React 19 (`react` project: a ref is a prop) and 18.3 (`react-18`: a ref is on
 * the element). No warning may be logged on either.
 */
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { createRef, forwardRef, type MouseEvent, type ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Button } from "./Button.tsx";
import { Part } from "./slot.tsx";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** An app's own button component, as a design system writes one (ref forwarded). */
const AppButton = forwardRef<HTMLButtonElement, { className?: string; children?: ReactNode }>(
  function AppButton(props, ref) {
    return <button type="button" {...props} ref={ref} data-app="" />;
  },
);

describe("Slot", () => {
  it("renders the child in place of the part's element, the class names joined and styles merged", () => {
    render(
      <Part as="section" asChild className="kit" style={{ color: "red", margin: 1 }} data-slot="x">
        <article className="app" style={{ color: "blue" }}>
          mine
        </article>
      </Part>,
    );
    const element = screen.getByText("mine");
    expect(element.tagName).toBe("ARTICLE");
    expect(document.querySelector("section")).toBeNull();
    expect(element.className).toBe("kit app");
    expect(element.style.color).toBe("blue");
    expect(element.style.margin).toBe("1px");
    expect(element.dataset.slot).toBe("x");
  });

  it("keeps the kit's data-* and aria-* over the child's; the child's other props win", () => {
    render(
      <Button variant="primary" action="pay" aria-disabled disabled data-state="busy" asChild>
        <a href="/pay" data-state="mine" aria-disabled={false} title="theirs">
          Pay
        </a>
      </Button>,
    );
    const link = screen.getByText("Pay");
    expect(link.tagName).toBe("A");
    expect(link.getAttribute("data-state")).toBe("busy");
    expect(link.getAttribute("aria-disabled")).toBe("true");
    expect(link.dataset.slot).toBe("button");
    expect(link.dataset.action).toBe("pay");
    expect(link.getAttribute("title")).toBe("theirs");
    // No `type="button"` forced onto a link.
    expect(link.hasAttribute("type")).toBe(false);
  });

  it("runs the child's handler first, and the kit's unless the child prevented the default", () => {
    const calls: string[] = [];
    const { rerender } = render(
      <Button variant="primary" onClick={() => calls.push("kit")} asChild>
        <AppButton>Go</AppButton>
      </Button>,
    );
    // A child with no handler of its own: the kit's reaches the element through its props.
    fireEvent.click(screen.getByRole("button"));
    expect(calls).toEqual(["kit"]);
    calls.length = 0;
    rerender(
      <Button variant="primary" onClick={() => calls.push("kit")} asChild>
        <button type="button" onClick={() => calls.push("app")}>
          Go
        </button>
      </Button>,
    );
    fireEvent.click(screen.getByRole("button"));
    expect(calls).toEqual(["app", "kit"]);
    calls.length = 0;
    rerender(
      <Button variant="primary" onClick={() => calls.push("kit")} asChild>
        <button
          type="button"
          onClick={(event: MouseEvent) => {
            calls.push("app");
            event.preventDefault();
          }}
        >
          Go
        </button>
      </Button>,
    );
    fireEvent.click(screen.getByRole("button"));
    expect(calls).toEqual(["app"]);
  });

  it("composes the part's ref with the child's (an object and a callback)", () => {
    const error = vi.spyOn(console, "error");
    const ours = createRef<HTMLButtonElement>();
    const theirs = vi.fn();
    render(
      <Button variant="secondary" ref={ours} asChild>
        <AppButton ref={theirs}>Both</AppButton>
      </Button>,
    );
    const button = screen.getByRole("button", { name: "Both" });
    expect(ours.current).toBe(button);
    expect(theirs).toHaveBeenCalledWith(button);
    expect(button.dataset.app).toBe("");
    // Reading the child's ref the wrong way for this React would warn.
    expect(error).not.toHaveBeenCalled();
  });

  it("gives a child with no content of its own the part's content", () => {
    render(
      <Button variant="primary" fallback="Pay $12.75" asChild>
        <AppButton className="ds-button" />
      </Button>,
    );
    const button = screen.getByRole("button", { name: "Pay $12.75" });
    expect(button.className).toBe("ds-button");
  });

  it("says clearly when it is not given one element", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(() => render(<Part asChild>two words</Part>)).toThrow(/exactly one React element/);
  });
});
