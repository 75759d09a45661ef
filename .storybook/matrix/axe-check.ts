/**
 * axe-core run directly on a story's canvas (and the 3D Secure challenge if one is open, which
 * sits in the top layer outside it), with the rules the Storybook a11y addon runs.
 */
import axeCore from "axe-core";

export interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}
export interface Axe {
  configure(config: { rules: { id: string; enabled: boolean }[] }): void;
  run(
    context: { include: Element[] },
    options: { resultTypes: string[] },
  ): Promise<{ violations: AxeViolation[] }>;
}

let configured = false;
function axe(): Axe {
  // As the a11y addon: a story is a fragment of a page, without landmarks.
  if (!configured) axeCore.configure({ rules: [{ id: "region", enabled: false }] });
  configured = true;
  return axeCore;
}

/** The violations on the canvas, one line each: `color-contrast: … (2 nodes: …)`. */
export async function axeViolations(container: HTMLElement): Promise<string[]> {
  const dialogs = [...document.querySelectorAll("dialog[open]")];
  const result = await axe().run(
    { include: [container, ...dialogs] },
    { resultTypes: ["violations"] },
  );
  return result.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
        .map(
          (node) =>
            `${node.target.join(" ")}${node.failureSummary ? `: ${node.failureSummary}` : ""}`,
        )
        .join(" | ")}`,
  );
}
