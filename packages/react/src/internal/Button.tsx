import type { ComponentProps } from "react";

export interface ButtonProps extends ComponentProps<"button"> {
  variant: "primary" | "secondary";
  /** `data-action`, for styling and tests (`pay`, `retry`, …). */
  action?: string | undefined;
}

/** The kit's button markup (`data-slot="button"`), written once for every part that has one. */
export function Button({ variant, action, type = "button", ...rest }: ButtonProps) {
  return (
    <button {...rest} type={type} data-slot="button" data-variant={variant} data-action={action} />
  );
}
