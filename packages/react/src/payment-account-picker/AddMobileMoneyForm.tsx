import { type ComponentPropsWithoutRef, useId } from "react";
import type { SavedPaymentAccount } from "../internal/client.ts";
import { cx } from "../internal/compose.ts";
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
  const ids = {
    title: `${id}-title`,
    phone: `${id}-phone`,
    phoneHint: `${id}-phone-hint`,
    phoneError: `${id}-phone-error`,
    prediction: `${id}-prediction`,
    operator: `${id}-operator`,
    operatorHint: `${id}-operator-hint`,
    operatorError: `${id}-operator-error`,
    name: `${id}-name`,
    nameError: `${id}-name-error`,
  };
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
      aria-labelledby={ids.title}
      className={cx("dollr-AddMobileMoney", className)}
      data-slot="add-mobile-money"
      data-state={form.state}
      onSubmit={form.submit}
    >
      <h3 id={ids.title} data-slot="add-mobile-money-title">
        {t("mobileMoney.title")}
      </h3>
      <div data-slot="field">
        <label htmlFor={ids.phone} data-slot="label">
          {t("mobileMoney.phoneLabel")}
        </label>
        <input
          id={ids.phone}
          data-slot="input"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={form.phone}
          onChange={(event) => form.setPhone(event.target.value)}
          onBlur={form.touchPhone}
          aria-invalid={form.phoneError ? true : undefined}
          aria-describedby={[ids.phoneHint, form.phoneError ? ids.phoneError : null, ids.prediction]
            .filter(Boolean)
            .join(" ")}
          disabled={submitting}
        />
        <p id={ids.phoneHint} data-slot="field-hint">
          {t("mobileMoney.phoneHint")}
        </p>
        {form.phoneError ? (
          <p id={ids.phoneError} data-slot="field-error">
            {form.phoneError}
          </p>
        ) : null}
        <p
          id={ids.prediction}
          data-slot="operator-prediction"
          data-state={form.prediction.state}
          aria-live="polite"
        >
          {predictionText}
        </p>
      </div>
      {form.prediction.state === "success" || form.prediction.state === "error" ? (
        <div data-slot="field">
          <label htmlFor={ids.operator} data-slot="label">
            {t("mobileMoney.operatorLabel")}
          </label>
          <select
            id={ids.operator}
            data-slot="select"
            value={form.operator}
            onChange={(event) => form.setOperator(event.target.value)}
            aria-invalid={form.operatorError ? true : undefined}
            aria-describedby={[ids.operatorHint, form.operatorError ? ids.operatorError : null]
              .filter(Boolean)
              .join(" ")}
            disabled={submitting}
          >
            {detected ? (
              <option value="">{t("mobileMoney.operatorDetected", { operator: detected })}</option>
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
          <p id={ids.operatorHint} data-slot="field-hint">
            {t("mobileMoney.operatorHint")}
          </p>
          {form.operatorError ? (
            <p id={ids.operatorError} data-slot="field-error">
              {form.operatorError}
            </p>
          ) : null}
        </div>
      ) : null}
      <div data-slot="field">
        <label htmlFor={ids.name} data-slot="label">
          {t("mobileMoney.nameLabel")}
        </label>
        <input
          id={ids.name}
          data-slot="input"
          autoComplete="name"
          value={form.name}
          onChange={(event) => form.setName(event.target.value)}
          onBlur={form.touchName}
          aria-invalid={form.nameError ? true : undefined}
          aria-describedby={form.nameError ? ids.nameError : undefined}
          disabled={submitting}
        />
        {form.nameError ? (
          <p id={ids.nameError} data-slot="field-error">
            {form.nameError}
          </p>
        ) : null}
      </div>
      {form.submitError ? (
        <p data-slot="form-error" role="alert">
          {form.submitError}
        </p>
      ) : null}
      <div data-slot="form-actions">
        <button type="submit" data-slot="button" data-variant="primary" disabled={submitting}>
          {submitting ? t("mobileMoney.submitting") : t("mobileMoney.submit")}
        </button>
        {onCancel ? (
          <button type="button" data-slot="button" data-variant="secondary" onClick={onCancel}>
            {t("kit.cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}
