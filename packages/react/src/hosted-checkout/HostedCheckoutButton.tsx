import { type ComponentPropsWithoutRef, forwardRef, type ReactNode } from "react";
import { Button } from "../internal/Button.tsx";
import { cx } from "../internal/compose.ts";
import { LiveRegion } from "../internal/LiveRegion.tsx";
import type { AsChildProps } from "../internal/slot.tsx";
import { hostedCheckoutMessages } from "../messages.ts";
import { useDollrCheckoutContext } from "../provider/context.ts";
import { type UseHostedCheckoutOptions, useHostedCheckout } from "./useHostedCheckout.ts";

export interface HostedCheckoutButtonProps
  extends UseHostedCheckoutOptions,
    Omit<ComponentPropsWithoutRef<"div">, "children">,
    AsChildProps {
  /**
   * The button's label (@default "Pay on Dollr's page"); with `asChild`, your own element in
   * place of the kit's button (its content, or the kit's label when it has none).
   */
  children?: ReactNode;
}

/**
 * "Pay on Dollr's page": sends the customer to the hosted checkout `url` your server got from
 * Dollr. A link that is not an absolute `https://` URL (`http://` on localhost only) is refused:
 * the button stays disabled and the customer reads why. `data-state` is the hook's state.
 *
 * @example
 * <HostedCheckoutButton url={checkout.url} onBeforeRedirect={() => saveCart()} />
 */
export const HostedCheckoutButton = /* @__PURE__ */ forwardRef<
  HTMLDivElement,
  HostedCheckoutButtonProps
>(function HostedCheckoutButton(props, ref) {
  const { url, onBeforeRedirect, navigate, allowedOrigins, children, className, asChild, ...rest } =
    props;
  const t = useDollrCheckoutContext("<HostedCheckoutButton>").t.with(hostedCheckoutMessages);
  const hosted = useHostedCheckout({ url, onBeforeRedirect, navigate, allowedOrigins });
  const redirecting = hosted.state === "redirecting";
  const unusable = hosted.state === "waiting" || hosted.state === "invalid";
  const label = redirecting ? t("hosted.redirecting") : t("hosted.pay");
  return (
    <div
      {...rest}
      ref={ref}
      className={cx("dollr-HostedCheckout", className)}
      data-slot="hosted-checkout"
      data-state={hosted.state}
    >
      <Button
        asChild={asChild}
        variant="primary"
        action="hosted-checkout"
        disabled={unusable}
        // Kept focusable while leaving (a disabled button drops focus); clicks do nothing then.
        aria-disabled={redirecting || undefined}
        aria-busy={redirecting || hosted.state === "waiting" || undefined}
        onClick={() => void hosted.redirect()}
        fallback={asChild || redirecting || !children ? label : children}
      >
        {asChild ? children : undefined}
      </Button>
      {hosted.message ? <p data-slot="hosted-checkout-message">{hosted.message}</p> : null}
      <LiveRegion
        slot="hosted-checkout-announcer"
        text={hosted.message ?? (redirecting ? label : "")}
      />
    </div>
  );
});
