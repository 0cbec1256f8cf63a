/**
 * The widget's stylesheet, injected once per page. Everything is scoped under .fte-widget and
 * resets what host pages commonly style (inputs, buttons), so the form looks the same anywhere.
 * Colours meet WCAG AA contrast; focus is always visible.
 */
export const WIDGET_CSS = `
.fte-widget { --fte-accent: #1a56db; --fte-error: #b42318; --fte-border: #8a9099; --fte-muted: #4b5260;
  box-sizing: border-box; max-width: 40rem; padding: 1.5rem; background: #fff; color: #1d1f23;
  border: 1px solid #d7dae0; border-radius: 12px; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: left; }
.fte-widget *, .fte-widget *::before, .fte-widget *::after { box-sizing: inherit; }
.fte-widget h2 { margin: 0 0 .25rem; font-size: 1.375rem; line-height: 1.3; }
.fte-widget h3 { margin: 0 0 .5rem; font-size: 1.05rem; }
.fte-widget p { margin: 0 0 .75rem; }
.fte-widget .fte-intro, .fte-widget .fte-hint, .fte-widget .fte-muted { color: var(--fte-muted); font-size: .9rem; }
.fte-widget .fte-field { margin: 0 0 1rem; }
.fte-widget .fte-row { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1rem; }
@media (max-width: 32rem) { .fte-widget .fte-row { grid-template-columns: 1fr; } }
.fte-widget label { display: block; margin: 0 0 .25rem; font-weight: 600; }
.fte-widget .fte-optional { font-weight: 400; color: var(--fte-muted); }
.fte-widget .fte-req { color: var(--fte-error); }
.fte-widget .fte-hint { margin: -.125rem 0 .375rem; }
.fte-widget input, .fte-widget select, .fte-widget textarea { display: block; width: 100%; margin: 0; padding: .55rem .7rem;
  font: inherit; color: inherit; background: #fff; border: 1px solid var(--fte-border); border-radius: 8px; }
.fte-widget textarea { min-height: 8rem; resize: vertical; }
.fte-widget [aria-invalid="true"] { border-color: var(--fte-error); border-width: 2px; }
.fte-widget .fte-error { margin: .35rem 0 0; color: var(--fte-error); font-size: .9rem; font-weight: 600; }
.fte-widget .fte-summary { margin: 0 0 1rem; padding: .75rem 1rem; border: 2px solid var(--fte-error); border-radius: 8px; background: #fef3f2; }
.fte-widget .fte-summary ul { margin: .25rem 0 0; padding-left: 1.25rem; }
.fte-widget .fte-summary a { color: var(--fte-error); }
.fte-widget button { display: inline-block; padding: .6rem 1.25rem; font: inherit; font-weight: 600; border-radius: 8px; cursor: pointer;
  color: #fff; background: var(--fte-accent); border: 2px solid var(--fte-accent); }
.fte-widget button.fte-secondary { color: var(--fte-accent); background: #fff; }
.fte-widget button[aria-disabled="true"] { opacity: .7; cursor: progress; }
.fte-widget :focus-visible { outline: 3px solid var(--fte-accent); outline-offset: 2px; }
.fte-widget h2:focus { outline: none; }
.fte-widget .fte-ticket-id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 1.05rem; user-select: all; }
.fte-widget .fte-status { display: flex; gap: .5rem; margin: 0 0 1rem; }
.fte-widget .fte-status dt { font-weight: 600; }
.fte-widget .fte-status dd { margin: 0; }
.fte-widget .fte-reply { margin: 0 0 1rem; padding: 1rem; background: #f3f6fd; border-left: 4px solid var(--fte-accent); border-radius: 8px; }
.fte-widget .fte-reply-text, .fte-widget .fte-message-text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
.fte-widget .fte-conversation { list-style: none; margin: 0 0 1rem; padding: 0; }
.fte-widget .fte-conversation li { margin: 0 0 .75rem; padding: .75rem 1rem; border-radius: 8px; }
.fte-widget .fte-mine { background: #f6f7f9; border-left: 4px solid var(--fte-border); }
.fte-widget .fte-meta { margin: 0 0 .25rem; font-size: .9rem; }
.fte-widget .fte-note { border-color: var(--fte-accent); background: #f3f6fd; }
.fte-widget .fte-switch { margin: 1rem 0 0; color: var(--fte-muted); }
.fte-widget button.fte-link { padding: 0; border: 0; background: none; color: var(--fte-accent); text-decoration: underline; font-weight: 600; }
.fte-widget form + button, .fte-widget section > form { margin-top: 1rem; }
.fte-widget .fte-sr-only { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
@media (prefers-reduced-motion: no-preference) { .fte-widget .fte-spinner { animation: fte-pulse 1.2s ease-in-out infinite; } }
@keyframes fte-pulse { 50% { opacity: .4; } }
`
