/**
 * The status view's parts in a layout of the app's own: each shows its words (nothing when it
 * has none), takes `asChild`, and the live region still says the status once beside it.
 */
import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTranslator } from "../messages.ts";
import { createKitHarness, renderKit } from "../test/kit-harness.tsx";
import { describeExecutionStatus, type ExecutionStatusPhase } from "./describe.ts";
import { ExecutionStatusView } from "./ExecutionStatus.tsx";
import {
  ExecutionStatusActions,
  ExecutionStatusDescription,
  ExecutionStatusElapsed,
  ExecutionStatusHint,
  ExecutionStatusIcon,
  ExecutionStatusTitle,
} from "./parts.tsx";

afterEach(cleanup);

const t = createTranslator();
const model = (phase: ExecutionStatusPhase, more: { reason?: string; elapsedMs?: number } = {}) =>
  describeExecutionStatus(
    {
      phase,
      raw: phase === "failed" ? "FAILED" : null,
      reason: more.reason ?? null,
      kind: "MOBILE_MONEY",
      elapsedMs: more.elapsedMs ?? 0,
      longWaitAfterMs: 60_000,
      connectionProblem: false,
      locale: "en-US",
    },
    t,
  );

describe("ExecutionStatus's parts", () => {
  it("lay out the status the app's way, with its own heading through asChild", () => {
    const harness = createKitHarness();
    const status = model("pending", { elapsedMs: 65_000 });
    renderKit(
      harness,
      <ExecutionStatusView status={status} className="card">
        <ExecutionStatusTitle asChild>
          {/* biome-ignore lint/a11y/useHeadingContent: the part puts its words in the empty heading */}
          <h3 className="title" />
        </ExecutionStatusTitle>
        <ExecutionStatusIcon className="icon" />
        <ExecutionStatusElapsed />
        <ExecutionStatusDescription />
        <ExecutionStatusActions />
      </ExecutionStatusView>,
    );
    const root = document.querySelector('[data-slot="execution-status"]') as HTMLElement;
    expect(root.className).toBe("dollr-ExecutionStatus card");
    const title = screen.getByRole("heading", { level: 3 });
    expect(title.textContent).toBe("Approve the payment on your phone");
    expect(title.dataset.slot).toBe("execution-status-message");
    expect(title.className).toBe("title");
    // The app's order: the heading before the icon.
    expect(root.firstElementChild).toBe(title);
    const icon = root.querySelector(".icon") as HTMLElement;
    expect(icon.dataset.state).toBe("pending");
    expect(icon.getAttribute("aria-hidden")).toBe("true");
    expect(root.querySelector("time")?.getAttribute("dateTime")).toBe("PT65S");
    // No reason while waiting, and "Check again" only once expired: an empty actions box.
    expect(root.querySelector('[data-slot="execution-status-reason"]')).toBeNull();
    expect(root.querySelector('[data-slot="execution-status-actions"]')?.childElementCount).toBe(0);
    // The live region is the kit's, beside the app's layout: said once.
    const region = document.querySelector('[data-slot="execution-status-announcer"]');
    expect(region?.textContent).toBe(status.announcement);
    expect(root.contains(region)).toBe(false);
  });

  it("show a failure's reason, and Check again once expired", () => {
    const harness = createKitHarness();
    const onCheckAgain = vi.fn();
    const view = renderKit(
      harness,
      <ExecutionStatusView
        status={model("failed", { reason: "The payer's wallet has insufficient funds" })}
      >
        <ExecutionStatusDescription className="why" />
        <ExecutionStatusHint />
      </ExecutionStatusView>,
    );
    expect(document.querySelector(".why")?.textContent).toBe(
      "Reason: There isn't enough money in your wallet or account.",
    );
    view.rerenderKit(
      <ExecutionStatusView status={model("expired")} onCheckAgain={onCheckAgain}>
        <ExecutionStatusTitle />
        <ExecutionStatusActions className="row" />
      </ExecutionStatusView>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Check again" }));
    expect(onCheckAgain).toHaveBeenCalledTimes(1);
  });

  it("say where they must be used", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const harness = createKitHarness();
    expect(() => renderKit(harness, <ExecutionStatusTitle />)).toThrow(
      /<ExecutionStatusTitle> must be used within <ExecutionStatus>/,
    );
    vi.restoreAllMocks();
  });
});
