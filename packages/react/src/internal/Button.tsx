import { type ComponentPropsWithoutRef, forwardRef, type ReactNode } from "react";
import { type AsChildProps, Part } from "./slot.tsx";

export interface ButtonProps extends ComponentPropsWithoutRef<"button">, AsChildProps {
  variant: "primary" | "secondary";
  /** `data-action`, for styling and tests (`pay`, `retry`, …). */
  action?: string | undefined;
  /** The label when no children are given (with `asChild`: when the app's element has none). */
  fallback?: ReactNode;
  /** The part's own class (`dollr-…`), before the app's `className`. */
  kitClass?: string | undefined;
}

/**
 * The kit's button markup (`data-slot="button"`), written once for every part that has one; with
 * `asChild`, the app's element (given no `type`: it may be a link).
 */
export const Button = /* @__PURE__ */ forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant, action, ...rest },
  ref,
) {
  return (
    <Part
      as="button"
      // A button of the kit's own never submits a form; an `asChild` element gets no `type`.
      type={rest.asChild ? undefined : "button"}
      {...rest}
      ref={ref}
      data-slot="button"
      data-variant={variant}
      data-action={action}
    />
  );
});
