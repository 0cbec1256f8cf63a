import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { CATEGORIES, HONEYPOT_FIELD, PRIORITIES } from '../submission.js'
import { submitForm } from './api.js'
import { Field } from './Field.js'
import { HONEYPOT_STYLE } from './SmallForm.js'
import { EMPTY_FORM, FIELD_ORDER, firstInvalid, toPayload, validate, type FieldErrors, type FieldName, type FormValues } from './validation.js'

const LABELS: Record<FieldName, string> = {
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  subject: 'Subject',
  category: 'Category',
  priority: 'Priority',
  message: 'Message',
}

const CATEGORY_TEXT: Record<(typeof CATEGORIES)[number], string> = {
  general: 'General question',
  technical: 'Technical problem',
  billing: 'Billing',
  feedback: 'Feedback',
  bug_report: 'Bug report',
}

const PRIORITY_TEXT: Record<(typeof PRIORITIES)[number], string> = { low: 'Low', medium: 'Medium', high: 'High' }

interface Props {
  api: string
  title: string
  initial?: Partial<FormValues>
  /** Put focus on the form's heading when it appears (it replaced the button that was focused). */
  focusOnMount?: boolean
  announce: (message: string) => void
  onAccepted: (ticket: { ticketId: string; ticketNumber?: string; email: string; values: FormValues }) => void
}

export function SupportForm({ api, title, initial, focusOnMount, announce, onAccepted }: Props) {
  const uid = useId()
  const idOf = (field: string) => `${uid}-${field}`
  const [values, setValues] = useState<FormValues>({ ...EMPTY_FORM, ...initial })
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  // Focus moves after React has rendered aria-invalid and the message, so both are read on arrival.
  const [focusRequest, setFocusRequest] = useState<{ field: FieldName; n: number } | null>(null)
  const controls = useRef<Partial<Record<FieldName, HTMLElement | null>>>({})
  const heading = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    if (focusOnMount) heading.current?.focus()
  }, [focusOnMount])

  useEffect(() => {
    if (focusRequest) controls.current[focusRequest.field]?.focus()
  }, [focusRequest])

  const focusField = (field: FieldName) => setFocusRequest((r) => ({ field, n: (r?.n ?? 0) + 1 }))

  const change = (field: keyof FormValues) => (e: { target: { value: string } }) => {
    const next = { ...values, [field]: e.target.value }
    setValues(next)
    // A field already marked wrong is re-checked as the customer types, so the message clears
    // (or changes) as soon as it is fixed; untouched fields are not nagged while being typed.
    if (errors[field]) setErrors({ ...errors, [field]: validate(toPayload(next))[field] })
  }

  const showErrors = (found: FieldErrors) => {
    setErrors(found)
    const listed = FIELD_ORDER.filter((f) => found[f])
    // Problems the form has no field for (a newer server's rule, say) are still shown, not lost.
    const unknown = Object.keys(found).filter((f) => !(FIELD_ORDER as readonly string[]).includes(f))
    const general = unknown.length ? `The form could not be sent: ${unknown.map((f) => `${f} ${found[f]}`).join('; ')}.` : null
    setFormError(general)
    const sentences = listed.map((f) => `${LABELS[f]} ${found[f]}`)
    if (listed.length) announce(`Please correct ${listed.length === 1 ? '1 field' : `${listed.length} fields`}: ${sentences.join('. ')}.`)
    else if (general) announce(general)
    const first = firstInvalid(found)
    if (first) focusField(first)
  }

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    if (submitting) return
    setFormError(null)
    const payload = toPayload(values)
    const found = validate(payload)
    if (Object.keys(found).length) return showErrors(found)
    setErrors({})
    setSubmitting(true)
    announce('Sending your request…')
    const result = await submitForm(api, payload)
    setSubmitting(false)
    if (result.kind === 'accepted') onAccepted({ ticketId: result.ticketId, ticketNumber: result.ticketNumber, email: values.email.trim(), values })
    else if (result.kind === 'invalid') showErrors(result.fields)
    else {
      setFormError(result.message)
      announce(result.message)
    }
  }

  const listed = FIELD_ORDER.filter((f) => errors[f])
  const titleId = idOf('title')
  const text = (field: 'name' | 'email' | 'phone' | 'subject', type: string, autoComplete: string, extra: { hint?: string; inputMode?: 'email' | 'tel' } = {}) => (
    <Field
      id={idOf(field)}
      name={field}
      label={LABELS[field]}
      required={field !== 'phone'}
      hint={extra.hint}
      error={errors[field]}
      control={(p) => (
        <input {...p} ref={(el) => void (controls.current[field] = el)} type={type} autoComplete={autoComplete} inputMode={extra.inputMode} value={values[field]} onChange={change(field)} />
      )}
    />
  )

  return (
    <form noValidate onSubmit={submit} aria-labelledby={titleId}>
      <h2 id={titleId} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <p className="fte-intro">We usually answer within a minute. Fields marked <span aria-hidden="true">*</span><span className="fte-sr-only">with a star</span> are required.</p>

      {listed.length ? (
        <div className="fte-summary">
          <p>
            <strong>Please correct {listed.length === 1 ? 'this field' : `these ${listed.length} fields`}:</strong>
          </p>
          <ul>
            {listed.map((f) => (
              <li key={f}>
                <a
                  href={`#${idOf(f)}`}
                  onClick={(ev) => {
                    ev.preventDefault()
                    focusField(f)
                  }}
                >
                  {LABELS[f]} {errors[f]}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="fte-row">
        {text('name', 'text', 'name')}
        {text('email', 'email', 'email', { inputMode: 'email' })}
      </div>
      {text('phone', 'tel', 'tel', { hint: 'With country code, for example +1 555 123 4567.', inputMode: 'tel' })}
      {text('subject', 'text', 'off')}
      <div className="fte-row">
        <Field
          id={idOf('category')}
          name="category"
          label={LABELS.category}
          required
          error={errors.category}
          control={(p) => (
            <select {...p} ref={(el) => void (controls.current.category = el)} value={values.category} onChange={change('category')}>
              <option value="">Choose a category</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {CATEGORY_TEXT[c]}
                </option>
              ))}
            </select>
          )}
        />
        <Field
          id={idOf('priority')}
          name="priority"
          label={LABELS.priority}
          required
          error={errors.priority}
          control={(p) => (
            <select {...p} ref={(el) => void (controls.current.priority = el)} value={values.priority} onChange={change('priority')}>
              {PRIORITIES.map((c) => (
                <option key={c} value={c}>
                  {PRIORITY_TEXT[c]}
                </option>
              ))}
            </select>
          )}
        />
      </div>
      <Field
        id={idOf('message')}
        name="message"
        label={LABELS.message}
        required
        hint="At least 10 characters. Please don't include passwords or card numbers."
        error={errors.message}
        control={(p) => <textarea {...p} ref={(el) => void (controls.current.message = el)} rows={6} value={values.message} onChange={change('message')} />}
      />

      {/* The honeypot: hidden from people (visually, from the tab order, from screen readers). */}
      <div aria-hidden="true" style={HONEYPOT_STYLE}>
        <label htmlFor={idOf(HONEYPOT_FIELD)}>Leave this field empty</label>
        <input id={idOf(HONEYPOT_FIELD)} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" value={values[HONEYPOT_FIELD]} onChange={change(HONEYPOT_FIELD)} />
      </div>

      {formError ? <p className="fte-error">{formError}</p> : null}
      {/* aria-disabled rather than disabled: a disabled button drops keyboard focus mid-submit. */}
      <button type="submit" aria-disabled={submitting ? 'true' : 'false'}>
        {submitting ? 'Sending…' : 'Send request'}
      </button>
    </form>
  )
}
