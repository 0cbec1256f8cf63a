import { useEffect, useId, useState, type FormEvent } from 'react'
import { Field } from '../../webForm/widget/Field.js'
import { ApiError } from './api.js'

export interface FieldSpec {
  /** The API's name for the field, so its 422 lands under the right control. */
  name: string
  label: string
  kind: 'text' | 'email' | 'textarea' | 'checkbox'
  required?: boolean
  hint?: string
  /** Shown only while this holds (the reusable answer's fields, once its box is ticked). */
  when?: (values: Record<string, string>) => boolean
}

interface Props {
  title: string
  /** Read out with the form: what it does, for whom. */
  description?: string
  fields: FieldSpec[]
  submit: string
  busyText: string
  onSubmit: (values: Record<string, string>) => Promise<void>
  report: (err: unknown) => void
  disabled?: boolean
}

const initial = (fields: FieldSpec[]) => Object.fromEntries(fields.map((f) => [f.name, '']))

/**
 * One staff action as a form: labelled fields, required ones checked before sending, the server's
 * field errors under their controls (and announced), focus on the first one wrong. While the
 * action runs the button says so and ignores presses; aria-disabled keeps it focusable.
 */
export function ActionForm({ title, description, fields, submit, busyText, onSubmit, report, disabled }: Props) {
  const uid = useId()
  const idOf = (name: string) => `${uid}-${name.replace(/\W/g, '-')}`
  const [values, setValues] = useState<Record<string, string>>(() => initial(fields))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [focus, setFocus] = useState<{ id: string; n: number } | null>(null)

  useEffect(() => {
    if (focus) document.getElementById(focus.id)?.focus()
  }, [focus])

  const shown = fields.filter((f) => !f.when || f.when(values))
  const fail = (found: Record<string, string>, err?: unknown) => {
    setErrors(found)
    const first = shown.find((f) => found[f.name])
    if (first) setFocus((r) => ({ id: idOf(first.name), n: (r?.n ?? 0) + 1 }))
    const sentences = shown.filter((f) => found[f.name]).map((f) => `${f.label} ${found[f.name]}`)
    report(sentences.length ? new ApiError(422, `${title}: ${sentences.join('. ')}.`) : err)
  }

  const send = async (e: FormEvent) => {
    e.preventDefault()
    if (busy || disabled) return
    const missing = Object.fromEntries(shown.filter((f) => f.required && !values[f.name]?.trim()).map((f) => [f.name, 'is required']))
    if (Object.keys(missing).length) return fail(missing)
    setErrors({})
    setBusy(true)
    try {
      await onSubmit(Object.fromEntries(shown.map((f) => [f.name, values[f.name]?.trim() ?? ''])))
      setValues(initial(fields))
    } catch (err) {
      fail(err instanceof ApiError ? err.fields : {}, err)
    } finally {
      setBusy(false)
    }
  }

  const set = (name: string, value: string) => {
    setValues((v) => ({ ...v, [name]: value }))
    if (errors[name]) setErrors((x) => ({ ...x, [name]: '' }))
  }

  const titleId = idOf('title')
  const descriptionId = idOf('description')
  return (
    <form className="action" noValidate onSubmit={send} aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}>
      <h3 id={titleId}>{title}</h3>
      {description ? (
        <p id={descriptionId} className="hint">
          {description}
        </p>
      ) : null}
      {shown.map((f) =>
        f.kind === 'checkbox' ? (
          <div key={f.name} className="check">
            <input
              id={idOf(f.name)}
              type="checkbox"
              checked={values[f.name] === 'yes'}
              onChange={(e) => set(f.name, e.target.checked ? 'yes' : '')}
            />
            <label htmlFor={idOf(f.name)}>{f.label}</label>
          </div>
        ) : (
          <Field
            key={f.name}
            id={idOf(f.name)}
            name={f.name}
            label={f.label}
            required={!!f.required}
            hint={f.hint}
            error={errors[f.name] || undefined}
            control={(p) =>
              f.kind === 'textarea' ? (
                <textarea {...p} rows={4} value={values[f.name]} onChange={(e) => set(f.name, e.target.value)} />
              ) : (
                <input {...p} type={f.kind} autoComplete="off" value={values[f.name]} onChange={(e) => set(f.name, e.target.value)} />
              )
            }
          />
        ),
      )}
      <button type="submit" aria-disabled={busy || disabled ? 'true' : 'false'}>
        {busy ? busyText : submit}
      </button>
    </form>
  )
}
