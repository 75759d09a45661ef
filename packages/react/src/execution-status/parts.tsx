import { type ComponentPropsWithoutRef, type ElementType, forwardRef, useContext } from "react";
import { Button } from "../internal/Button.tsx";
import { type AsChildProps, Part } from "../internal/slot.tsx";
import { useDollrCheckoutContext } from "../provider/context.ts";
import { StatusPartsContext, type StatusPartsValue } from "./status-context.ts";

export interface ExecutionStatusPartProps extends ComponentPropsWithoutRef<"p">, AsChildProps {}
export interface ExecutionStatusIconProps extends ComponentPropsWithoutRef<"span">, AsChildProps {}
export interface ExecutionStatusActionsProps
  extends ComponentPropsWithoutRef<"div">,
    AsChildProps {}

/**
 * One part of the status view: `<tag data-slot="execution-status-{slot}">` with the props `show`
 * gives for the status (its content as `fallback`), or nothing when `show` gives none. Every part
 * is made here, so a status of the app's own costs one component, not one each.
 */
function statusPart<E extends HTMLElement, P>(
  tag: ElementType,
  slot: string,
  show: (value: StatusPartsValue) => Record<string, unknown> | false | null | undefined | "",
) {
  // biome-ignore lint/correctness/noComponentHookFactories: called once per part, when the module loads
  const part = forwardRef<E, P>(function StatusPart(props, ref) {
    const value = useContext(StatusPartsContext);
    if (process.env.NODE_ENV !== "production" && !value) {
      throw new Error(
        `<${part.displayName}> must be used within <ExecutionStatus> (or <CheckoutFlow.Status>).`,
      );
    }
    const own = show(value as StatusPartsValue);
    return own ? (
      <Part as={tag} {...props} {...own} ref={ref} data-slot={`execution-status-${slot}`} />
    ) : null;
  });
  return part;
}

/** A line of the status's words (`key`): nothing without them. */
const line = (
  slot: string,
  key: "message" | "reason" | "hint" | "longWaitText" | "connectionText",
) =>
  statusPart<HTMLParagraphElement, ExecutionStatusPartProps>(
    "p",
    slot,
    (status) => status[key] && { fallback: status[key] },
  );

/** The phase's mark (`data-state` is the phase); decorative (`aria-hidden`). */
export const ExecutionStatusIcon = /* @__PURE__ */ statusPart<
  HTMLSpanElement,
  ExecutionStatusIconProps
>("span", "indicator", (status) => ({ "data-state": status.phase, "aria-hidden": "true" }));

/** The main line ("Approve the payment on your phone"). */
export const ExecutionStatusTitle = /* @__PURE__ */ line("message", "message");

/** Why it failed, in plain words. */
export const ExecutionStatusDescription = /* @__PURE__ */ line("reason", "reason");

/** Help, or what to do after a failure. */
export const ExecutionStatusHint = /* @__PURE__ */ line("hint", "hint");

/** "Waiting for 1 min 5 sec" (a `<time>`), while waiting: the wait's countdown of time spent. */
export const ExecutionStatusElapsed = /* @__PURE__ */ statusPart<
  HTMLParagraphElement,
  ExecutionStatusPartProps
>(
  "p",
  "elapsed",
  (status) =>
    status.elapsedText && {
      fallback: (
        <time dateTime={`PT${Math.floor((status.elapsedMs ?? 0) / 1000)}S`}>
          {status.elapsedText}
        </time>
      ),
    },
);

/** "Still waiting — you can leave this page", after the long-wait threshold. */
export const ExecutionStatusLongWait = /* @__PURE__ */ line("long-wait", "longWaitText");

/** The connection notice while status checks fail. */
export const ExecutionStatusConnection = /* @__PURE__ */ line("connection", "connectionText");

/** "Check again" once the kit stopped checking on its own (`expired`); nothing otherwise. */
export function ExecutionStatusCheckAgain() {
  const { phase, onCheckAgain } = useContext(StatusPartsContext) as StatusPartsValue;
  const { t } = useDollrCheckoutContext("<ExecutionStatus>");
  return phase === "expired" && onCheckAgain ? (
    <Button variant="primary" onClick={onCheckAgain}>
      {t("status.checkAgain")}
    </Button>
  ) : null;
}

/** `<div data-slot="execution-status-actions">` with "Check again" (when expired) or your buttons. */
export const ExecutionStatusActions = /* @__PURE__ */ statusPart<
  HTMLDivElement,
  ExecutionStatusActionsProps
>("div", "actions", () => ({ fallback: <ExecutionStatusCheckAgain /> }));

// Names for React DevTools and for the error above; production builds leave them out.
if (process.env.NODE_ENV !== "production") {
  const names = {
    Icon: ExecutionStatusIcon,
    Title: ExecutionStatusTitle,
    Description: ExecutionStatusDescription,
    Hint: ExecutionStatusHint,
    Elapsed: ExecutionStatusElapsed,
    LongWait: ExecutionStatusLongWait,
    Connection: ExecutionStatusConnection,
    Actions: ExecutionStatusActions,
  };
  for (const [name, part] of Object.entries(names)) part.displayName = `ExecutionStatus${name}`;
}
