import { type ComponentPropsWithoutRef, type ReactElement, useId } from "react";
import type { SavedPaymentAccount } from "../internal/client.ts";
import { Field, FormFooter } from "../internal/form.tsx";
import { type AsChildProps, Part } from "../internal/slot.tsx";
import { useDollrCheckoutContext } from "../provider/context.ts";
import { operatorName } from "./format.ts";
import { type UseAddMobileMoneyOptions, useAddMobileMoney } from "./useAddMobileMoney.ts";

export interface AddMobileMoneyFormProps
  extends Omit<ComponentPropsWithoutRef<"form">, "onSubmit" | "children">,
    AsChildProps {
  /** With `asChild`: your form element, which holds the kit's fields. */
  children?: ReactElement | undefined;
  /** Called with the saved wallet. */
  onAdded?: ((account: SavedPaymentAccount) => void) | undefined;
  /** Shows a Cancel button that calls this. */
  onCancel?: (() => void) | undefined;
  /** Milliseconds after the last keystroke before the operator is predicted. @default 300 */
  predictDelayMs?: number | undefined;
  /**
   * The countries whose numbers the merchant takes, e.g. `["LR"]`; numbers are read as people
   * there write them (`0886123456`). @default every market Dollr collects in (`["LR", "RW"]`)
   */
  countries?: UseAddMobileMoneyOptions["countries"];
}

/**
 * Adds a mobile-money wallet: the phone number as people write it (`0886123456`, shown back as
 * `+231 88 612 3456` and sent as E.164 digits), the operator predicted by the proxy with a choice
 * for numbers moved to another network, and the account name.
 */
export function AddMobileMoneyForm({
  onAdded,
  onCancel,
  predictDelayMs,
  countries,
  asChild,
  children,
  ...rest
}: AddMobileMoneyFormProps) {
  const { t } = useDollrCheckoutContext("<AddMobileMoneyForm>");
  const form = useAddMobileMoney({ onAdded, predictDelayMs, countries });
  const id = useId();
  const titleId = `${id}-title`;
  const predictionId = `${id}-prediction`;
  const shownId = `${id}-shown`;
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
    <Part
      as="form"
      asChild={asChild}
      element={children}
      {...rest}
      noValidate
      aria-labelledby={titleId}
      kitClass="dollr-AddMobileMoney"
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
        hint={form.phoneHint}
        error={form.phoneError}
        describedBy={`${shownId} ${predictionId}`}
        footer={
          <>
            <p id={shownId} data-slot="phone-shown">
              {form.phoneShown ?? ""}
            </p>
            <p
              id={predictionId}
              data-slot="operator-prediction"
              data-state={form.prediction.state}
              aria-live="polite"
            >
              {predictionText}
            </p>
          </>
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
    </Part>
  );
}
