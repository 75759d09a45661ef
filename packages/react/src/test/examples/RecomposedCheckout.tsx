import { CheckoutFlow, type CheckoutFlowRootProps } from "@dollr-kit/react/checkout-flow";
import {
  ExecutionStatusDescription,
  ExecutionStatusElapsed,
  ExecutionStatusIcon,
  ExecutionStatusTitle,
} from "@dollr-kit/react/execution-status";
import { type ComponentPropsWithoutRef, forwardRef } from "react";

// Your design system's button: it forwards its ref and spreads the props it is given.
const DsButton = forwardRef<HTMLButtonElement, ComponentPropsWithoutRef<"button">>(
  function DsButton({ className, ...props }, ref) {
    return (
      <button
        type="button"
        {...props}
        ref={ref}
        className={className ? `ds-button ${className}` : "ds-button"}
      />
    );
  },
);

// And its heading.
const DsHeading = forwardRef<HTMLHeadingElement, ComponentPropsWithoutRef<"h2">>(
  function DsHeading(props, ref) {
    return <h2 {...props} ref={ref} className="ds-heading" />;
  },
);

/** The status first, then the methods, the total and your own Pay button. */
export function RecomposedCheckout(props: CheckoutFlowRootProps) {
  return (
    <CheckoutFlow.Root {...props} asChild>
      <article className="ds-stack">
        <CheckoutFlow.Status asChild>
          <section className="ds-card">
            <ExecutionStatusIcon />
            <ExecutionStatusTitle asChild>
              <DsHeading />
            </ExecutionStatusTitle>
            <ExecutionStatusDescription />
            <ExecutionStatusElapsed />
            <CheckoutFlow.WaitHelp />
            <CheckoutFlow.Actions className="ds-row" />
          </section>
        </CheckoutFlow.Status>
        <CheckoutFlow.Picker />
        <CheckoutFlow.Summary className="ds-summary" />
        <CheckoutFlow.PayButton asChild>
          <DsButton />
        </CheckoutFlow.PayButton>
      </article>
    </CheckoutFlow.Root>
  );
}
