import type { ReactNode } from "react";
import { useDollrCheckoutContext } from "../provider/context.ts";
import { Button } from "./Button.tsx";

/** What a field's control (input or select) takes from `<Field>`. */
export interface FieldControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

export interface FieldProps {
  /** The control's id; its hint and error get `{id}-hint` and `{id}-error`. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
  /** More ids that describe the control (e.g. a line in `footer`). */
  describedBy?: string | undefined;
  /** Under the error (e.g. a live line about what was typed). */
  footer?: ReactNode;
  /** Renders the control with the props that tie it to its label, hint and error. */
  children: (control: FieldControlProps) => ReactNode;
}

/** A form field: `data-slot="field"` with its label, control, hint and error. */
export function Field({ id, label, hint, error, describedBy, footer, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  return (
    <div data-slot="field">
      <label htmlFor={id} data-slot="label">
        {label}
      </label>
      {children({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": [hintId, errorId, describedBy].filter(Boolean).join(" ") || undefined,
      })}
      {hintId ? (
        <p id={hintId} data-slot="field-hint">
          {hint}
        </p>
      ) : null}
      {errorId ? (
        <p id={errorId} data-slot="field-error">
          {error}
        </p>
      ) : null}
      {footer}
    </div>
  );
}

export interface FormFooterProps {
  /** The last submit's failure, announced (`role="alert"`). */
  error: string | null;
  submitting: boolean;
  submitLabel: string;
  /** Shows Cancel. */
  onCancel: (() => void) | undefined;
}

/** The end of an add form: the submit error, Save (disabled while saving) and Cancel. */
export function FormFooter({ error, submitting, submitLabel, onCancel }: FormFooterProps) {
  const { t } = useDollrCheckoutContext("FormFooter");
  return (
    <>
      {error ? (
        <p data-slot="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div data-slot="form-actions">
        <Button type="submit" variant="primary" disabled={submitting}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            {t("kit.cancel")}
          </Button>
        ) : null}
      </div>
    </>
  );
}
