import type { ReactElement } from 'react'

/** The attributes every control gets, so each is labelled, described and marked the same way. */
export interface ControlProps {
  id: string
  name: string
  required: boolean
  'aria-invalid': 'true' | 'false'
  'aria-describedby': string | undefined
}

interface FieldProps {
  id: string
  name: string
  label: string
  required?: boolean
  hint?: string
  /** The server's message for this field ("must be a valid email address"). */
  error?: string
  control: (props: ControlProps) => ReactElement
}

/**
 * Label above, hint, control, error below. The error reads "<Label> <server message>", and the
 * control points at hint and error with aria-describedby, so a screen reader reads both on focus.
 */
export function Field({ id, name, label, required = false, hint, error, control }: FieldProps) {
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined
  return (
    <div className="fte-field">
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="fte-req" aria-hidden="true"> *</span>
        ) : (
          <span className="fte-optional"> (optional)</span>
        )}
      </label>
      {hint ? (
        <p id={hintId} className="fte-hint">
          {hint}
        </p>
      ) : null}
      {control({ id, name, required, 'aria-invalid': error ? 'true' : 'false', 'aria-describedby': describedBy })}
      {error ? (
        <p id={errorId} className="fte-error">
          {label} {error}
        </p>
      ) : null}
    </div>
  )
}
