import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import type * as z from 'zod'
import { HONEYPOT_FIELD } from '../submission.js'
import { Field } from './Field.js'
import { validate, type FieldErrors } from './validation.js'

/** Visually hidden without a stylesheet too (inline styles survive a host CSP that blocks ours). */
export const HONEYPOT_STYLE = { position: 'absolute', left: '-10000px', top: 'auto', width: '1px', height: '1px', overflow: 'hidden' } as const

export interface SmallField {
  name: string
  label: string
  kind: 'email' | 'text' | 'textarea'
  hint?: string
  autoComplete?: string
}

export type Outcome = { kind: 'done' } | { kind: 'invalid'; fields: FieldErrors } | { kind: 'failed'; message: string }

interface Props {
  /** Labels the form for assistive technology. */
  label: string
  fields: SmallField[]
  schema: z.ZodType
  initial?: Record<string, string>
  /** Add the honeypot (for forms that write: a follow-up is a message like the form's). */
  honeypot?: boolean
  submitText: string
  busyText: string
  announce: (message: string) => void
  onSubmit: (values: Record<string, string>) => Promise<Outcome>
  children?: ReactNode
}

/**
 * The short forms after the main one ("check a request", the reply box): the same fields, errors
 * and announcements as SupportForm, validated with the server's schema before sending.
 */
export function SmallForm({ label, fields, schema, initial, honeypot, submitText, busyText, announce, onSubmit, children }: Props) {
  const uid = useId()
  const idOf = (field: string) => `${uid}-${field}`
  const empty = Object.fromEntries([...fields.map((f) => [f.name, '']), ...(honeypot ? [[HONEYPOT_FIELD, '']] : [])])
  const [values, setValues] = useState<Record<string, string>>({ ...empty, ...initial })
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const controls = useRef<Record<string, HTMLElement | null>>({})

  const change = (field: string) => (e: { target: { value: string } }) => {
    const next = { ...values, [field]: e.target.value }
    setValues(next)
    if (errors[field]) setErrors({ ...errors, [field]: validate(next, schema)[field] })
  }

  const showErrors = (found: FieldErrors) => {
    setErrors(found)
    const listed = fields.filter((f) => found[f.name])
    const sentences = listed.map((f) => `${f.label} ${found[f.name]}`)
    const other = Object.keys(found).filter((k) => !fields.some((f) => f.name === k))
    if (other.length) setFormError(`This could not be sent: ${other.map((k) => `${k} ${found[k]}`).join('; ')}.`)
    announce(`Please correct ${sentences.length === 1 ? '1 field' : `${sentences.length} fields`}: ${sentences.join('. ')}.`)
    const first = listed[0]
    if (first) setTimeout(() => controls.current[first.name]?.focus(), 0)
  }

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    if (busy) return
    setFormError(null)
    const found = validate(values, schema)
    if (Object.keys(found).length) return showErrors(found)
    setErrors({})
    setBusy(true)
    announce(busyText)
    const outcome = await onSubmit(values)
    setBusy(false)
    if (outcome.kind === 'invalid') showErrors(outcome.fields)
    else if (outcome.kind === 'failed') {
      setFormError(outcome.message)
      announce(outcome.message)
    } else setValues((v) => ({ ...v, ...Object.fromEntries(fields.filter((f) => f.kind === 'textarea').map((f) => [f.name, ''])) }))
  }

  return (
    <form noValidate onSubmit={submit} aria-label={label}>
      {children}
      {fields.map((f) => (
        <Field
          key={f.name}
          id={idOf(f.name)}
          name={f.name}
          label={f.label}
          required
          hint={f.hint}
          error={errors[f.name]}
          control={(p) =>
            f.kind === 'textarea' ? (
              <textarea {...p} ref={(el) => void (controls.current[f.name] = el)} rows={4} value={values[f.name]} onChange={change(f.name)} />
            ) : (
              <input
                {...p}
                ref={(el) => void (controls.current[f.name] = el)}
                type={f.kind}
                inputMode={f.kind === 'email' ? 'email' : undefined}
                autoComplete={f.autoComplete ?? 'off'}
                value={values[f.name]}
                onChange={change(f.name)}
              />
            )
          }
        />
      ))}
      {honeypot ? (
        <div aria-hidden="true" style={HONEYPOT_STYLE}>
          <label htmlFor={idOf(HONEYPOT_FIELD)}>Leave this field empty</label>
          <input id={idOf(HONEYPOT_FIELD)} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" value={values[HONEYPOT_FIELD]} onChange={change(HONEYPOT_FIELD)} />
        </div>
      ) : null}
      {formError ? <p className="fte-error">{formError}</p> : null}
      <button type="submit" aria-disabled={busy ? 'true' : 'false'}>
        {busy ? busyText : submitText}
      </button>
    </form>
  )
}
