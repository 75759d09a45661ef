import { type ComponentPropsWithoutRef, useId } from "react";
import type { SavedPaymentAccount } from "../internal/client.ts";
import { cx } from "../internal/compose.ts";
import { Field, FormFooter } from "../internal/form.tsx";
import { useDollrCheckoutContext } from "../provider/context.ts";
import { operatorName } from "./format.ts";
import { useAddMobileMoney } from "./useAddMobileMoney.ts";

export interface AddMobileMoneyFormProps
  extends Omit<ComponentPropsWithoutRef<"form">, "onSubmit" | "children"> {
  /** Called with the saved wallet. */
  onAdded?: ((account: SavedPaymentAccount) => void) | undefined;
  /** Shows a Cancel button that calls this. */
  onCancel?: (() => void) | undefined;
  /** Milliseconds after the last keystroke before the operator is predicted. @default 300 */
  predictDelayMs?: number | undefined;
}

/**
 * Adds a mobile-money wallet: the phone number (normalised to digits), the operator predicted by
 * the proxy with a choice for numbers moved to another network, and the account name.
 */
export function AddMobileMoneyForm({
  onAdded,
  onCancel,
  predictDelayMs,
  className,
  ...rest
}: AddMobileMoneyFormProps) {
  const { t } = useDollrCheckoutContext("<AddMobileMoneyForm>");
  const form = useAddMobileMoney({ onAdded, predictDelayMs });
  const id = useId();
  const titleId = `${id}-title`;
  const predictionId = `${id}-prediction`;
  const submitting = form.state === "submitting";
  const detected = form.prediction.info
    ? operatorName(form.prediction.info.payment_method, form.prediction.info.carrier, t)
    : null;
  const predictionText =
    form.prediction.state === "loading"
      ? t("mobileMoney.predicting")
      : form.prediction.state === "error"
        ? t("mobileMoney.predictFailed")
        : detected
          ? t("mobileMoney.predicted", {
              operator: form.operator ? operatorName(form.operator, null, t) : detected,
            })
          : "";
  return (
    <form
      {...rest}
      noValidate
      aria-labelledby={titleId}
      className={cx("dollr-AddMobileMoney", className)}
      data-slot="add-mobile-money"
      data-state={form.state}
      onSubmit={form.submit}
    >
      <h3 id={titleId} data-slot="add-mobile-money-title">
        {t("mobileMoney.title")}
      </h3>
      <Field
        id={`${id}-phone`}
        label={t("mobileMoney.phoneLabel")}
        hint={t("mobileMoney.phoneHint")}
        error={form.phoneError}
        describedBy={predictionId}
        footer={
          <p
            id={predictionId}
            data-slot="operator-prediction"
            data-state={form.prediction.state}
            aria-live="polite"
          >
            {predictionText}
          </p>
        }
      >
        {(control) => (
          <input
            {...control}
            data-slot="input"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            value={form.phone}
            onChange={(event) => form.setPhone(event.target.value)}
            onBlur={form.touchPhone}
            disabled={submitting}
          />
        )}
      </Field>
      {form.prediction.state === "success" || form.prediction.state === "error" ? (
        <Field
          id={`${id}-operator`}
          label={t("mobileMoney.operatorLabel")}
          hint={t("mobileMoney.operatorHint")}
          error={form.operatorError}
        >
          {(control) => (
            <select
              {...control}
              data-slot="select"
              value={form.operator}
              onChange={(event) => form.setOperator(event.target.value)}
              disabled={submitting}
            >
              {detected ? (
                <option value="">
                  {t("mobileMoney.operatorDetected", { operator: detected })}
                </option>
              ) : (
                <option value="" disabled>
                  {t("mobileMoney.operatorRequired")}
                </option>
              )}
              {form.operatorOptions
                .filter((option) => option.method !== form.prediction.info?.payment_method)
                .map((option) => (
                  <option key={option.method} value={option.method}>
                    {option.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field id={`${id}-name`} label={t("mobileMoney.nameLabel")} error={form.nameError}>
        {(control) => (
          <input
            {...control}
            data-slot="input"
            autoComplete="name"
            value={form.name}
            onChange={(event) => form.setName(event.target.value)}
            onBlur={form.touchName}
            disabled={submitting}
          />
        )}
      </Field>
      <FormFooter
        error={form.submitError}
        submitting={submitting}
        submitLabel={submitting ? t("mobileMoney.submitting") : t("mobileMoney.submit")}
        onCancel={onCancel}
      />
    </form>
  );
}
