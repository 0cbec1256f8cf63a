/**
 * /widget.js: finds `<div id="fte-support-form">` (or any `[data-fte-support-form]`) and mounts
 * the support form into it. Options come from data attributes:
 *   data-api    API base URL; default: the origin this script was loaded from
 *   data-title  the form's heading; default "Contact support"
 *   data-view   "ticket" (with data-ticket, the id) or "not-found": what the status page opens on
 * Pages that render the container later can call `window.FteSupportForm.mount(element, options)`.
 */
import { createElement } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { config as zodConfig } from 'zod'
import { SupportWidget, type WidgetOptions } from './SupportWidget.js'
import { WIDGET_CSS } from './styles.js'

// No `new Function` probe: host pages with a strict CSP would log (and report) a violation.
zodConfig({ jitless: true })

export interface MountOptions {
  api?: string
  title?: string
}

interface FteSupportFormApi {
  mount(element: Element, options?: MountOptions): void
  unmount(element: Element): void
}

declare global {
  interface Window {
    FteSupportForm?: FteSupportFormApi
  }
}

// Only readable while this script runs for the first time (async and defer included).
const script = document.currentScript as HTMLScriptElement | null
const scriptOrigin = script?.src ? new URL(script.src, location.href).origin : location.origin
// A page with a nonce-based CSP gives our script tag its nonce; our stylesheet reuses it.
const nonce = script?.nonce || undefined
const roots = new WeakMap<Element, Root>()

function injectStyles(): void {
  if (document.getElementById('fte-support-form-styles')) return
  const style = document.createElement('style')
  style.id = 'fte-support-form-styles'
  if (nonce) style.nonce = nonce
  style.textContent = WIDGET_CSS
  document.head.appendChild(style)
}

function mount(element: Element, options: MountOptions = {}): void {
  if (roots.has(element)) return
  injectStyles()
  const data = (element as HTMLElement).dataset
  const api = options.api || data.api || scriptOrigin
  const title = options.title || data.title || 'Contact support'
  const start: WidgetOptions['start'] =
    data.view === 'ticket' && data.ticket ? { kind: 'ticket', ticketId: data.ticket } : data.view === 'not-found' ? { kind: 'not-found' } : { kind: 'form' }
  const root = createRoot(element)
  roots.set(element, root)
  root.render(createElement(SupportWidget, { api, title, start }))
}

function unmount(element: Element): void {
  roots.get(element)?.unmount()
  roots.delete(element)
}

// Loaded twice (two embeds on one page): the first copy's mount() does the work for both.
const widget = (window.FteSupportForm ??= { mount, unmount })

function mountAll(): void {
  for (const element of document.querySelectorAll('#fte-support-form, [data-fte-support-form]')) widget.mount(element)
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll, { once: true })
else mountAll()
