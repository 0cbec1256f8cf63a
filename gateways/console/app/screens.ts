/** The console's screens and their paths: real URLs, so a reload or a shared link opens the same screen. */
import type { Me } from './api.js'

export type Screen = { kind: 'queue' } | { kind: 'ticket'; id: string } | { kind: 'merges' } | { kind: 'reports' } | { kind: 'knowledge' }

export function screenOf(pathname: string): Screen {
  const ticket = /^\/console\/tickets\/([A-Za-z0-9-]{1,100})\/?$/.exec(pathname)
  if (ticket) return { kind: 'ticket', id: ticket[1]! }
  if (/^\/console\/merges\/?$/.test(pathname)) return { kind: 'merges' }
  if (/^\/console\/reports\/?$/.test(pathname)) return { kind: 'reports' }
  if (/^\/console\/knowledge\/?$/.test(pathname)) return { kind: 'knowledge' }
  return { kind: 'queue' }
}

export function pathOf(screen: Screen): string {
  if (screen.kind === 'ticket') return `/console/tickets/${encodeURIComponent(screen.id)}`
  if (screen.kind === 'reports') return '/console/reports'
  if (screen.kind === 'knowledge') return '/console/knowledge'
  return screen.kind === 'merges' ? '/console/merges' : '/console'
}

/** What every screen is handed: who is signed in, how to speak, how to fail, how to move on. */
export interface ScreenProps {
  me: Me
  /** Progress and results, read out politely. */
  say: (message: string) => void
  /** A failure: read out at once; a 401 also ends the console's session. */
  report: (err: unknown) => void
  go: (screen: Screen) => void
}

export interface QueueFilter {
  /** Empty: every ticket a person owns or should pick up (the API's default). */
  status: string
  channel: string
  /** 'me', or empty for anyone. */
  assignee: '' | 'me'
}

export const ANY_TICKET: QueueFilter = { status: '', channel: '', assignee: '' }

export function queuePath(filter: QueueFilter, me: string): string {
  const q = new URLSearchParams()
  if (filter.status) q.set('status', filter.status)
  if (filter.channel) q.set('channel', filter.channel)
  if (filter.assignee === 'me') q.set('assignee', me)
  const s = q.toString()
  return `/api/tickets${s ? `?${s}` : ''}`
}
