import { type ComponentPropsWithoutRef, forwardRef } from "react";
import { Button } from "../../internal/Button.tsx";
import { LiveRegion } from "../../internal/LiveRegion.tsx";
import { type AsChildProps, Part } from "../../internal/slot.tsx";
import { type UseWaitHelpOptions, useWaitHelp } from "./useWaitHelp.ts";

export interface WaitHelpProps
  extends UseWaitHelpOptions,
    Omit<ComponentPropsWithoutRef<"div">, "defaultValue">,
    AsChildProps {
  /**
   * Renders a polite live region that says the countdown at its start and at 0. Turn it off
   * when an outer component announces `useWaitHelp().announcement` itself.
   * @default true
   */
  announce?: boolean | undefined;
}

/**
 * "Didn't get the prompt?" under a mobile-money wait: a countdown when the server says how long
 * the prompt lives (`role="timer"`, never announced each second), and a disclosure (a button
 * with `aria-expanded`) with the operator's approval code to dial and what to check. Renders
 * nothing until there is something to say. `data-state`: `open` | `closed`; `data-expired` once
 * the prompt has expired.
 *
 * @example
 * <WaitHelp operator={account.method} country={account.country_code} promptExpiresAt={expiresAt} />
 */
export const WaitHelp = /* @__PURE__ */ forwardRef<HTMLDivElement, WaitHelpProps>(
  function WaitHelp(props, ref) {
    const help = useWaitHelp(props);
    // The rest are the div's own props.
    const {
      operator,
      country,
      promptExpiresAt,
      now,
      waitingSince,
      offerAfterMs,
      open,
      defaultOpen,
      onOpenChange,
      announce = true,
      ...rest
    } = props;
    const { countdown } = help;
    if (!help.offered && !countdown) return null;
    const panel = help.getPanelProps();
    return (
      <>
        <Part
          {...rest}
          ref={ref}
          kitClass="dollr-WaitHelp"
          data-slot="wait-help"
          data-state={panel["data-state"]}
          data-expired={countdown?.expired ? "" : undefined}
          fallback={
            <>
              {countdown ? (
                <p data-slot="wait-help-countdown" role="timer" aria-live="off">
                  {countdown.text}
                </p>
              ) : null}
              {help.offered ? (
                <>
                  <Button {...help.getToggleProps()} variant="secondary" action="wait-help">
                    {help.toggleLabel}
                  </Button>
                  <div {...panel} data-slot="wait-help-panel">
                    <p data-slot="wait-help-intro">{help.intro}</p>
                    <ol data-slot="wait-help-steps">
                      {help.steps.map((step) => (
                        <li key={step.text} data-slot="wait-help-step">
                          {step.text}
                          {step.dial ? (
                            <>
                              {" "}
                              <a data-slot="wait-help-dial" href={step.dial.href}>
                                {step.dial.label}
                              </a>
                            </>
                          ) : null}
                        </li>
                      ))}
                    </ol>
                  </div>
                </>
              ) : null}
            </>
          }
        />
        {announce ? <LiveRegion slot="wait-help-announcer" text={help.announcement} /> : null}
      </>
    );
  },
);
