/**
 * The console's stylesheet, served as /console/console.css: the CSP allows styles from our own
 * origin only, so none is inline. Colours meet WCAG AA contrast; focus is always visible; badges
 * carry words, never colour alone.
 */
export const CONSOLE_CSS = `
:root { --accent: #1a56db; --accent-dark: #1e429f; --error: #b42318; --text: #1d1f23; --muted: #4b5260; --line: #d7dae0;
  --bg: #f6f7f9; --panel: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--text); }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 .75rem; }
h2 { font-size: 1.1rem; margin: 0 0 .6rem; }
h3 { font-size: 1rem; margin: 0 0 .4rem; }
p { margin: 0 0 .6rem; }
a { color: var(--accent-dark); }
code, kbd, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
kbd { padding: 0 .3rem; border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 4px; background: #fff; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
h1:focus, h2:focus, main:focus { outline: none; }
.sr-only { position: absolute !important; width: 1px; height: 1px; padding: 0;
  margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.skip-link { position: absolute; left: .5rem; top: -3rem; padding: .5rem 1rem;
  background: #fff; border: 2px solid var(--accent); border-radius: 6px; z-index: 10; }
.skip-link:focus { top: .5rem; }
.muted, .hint { color: var(--muted); }
.hint { font-size: .9rem; }
.loading, .notice { padding: 2rem; text-align: center; color: var(--muted); }
.empty { padding: 1.25rem; background: var(--panel); border: 1px dashed var(--line); border-radius: 8px; color: var(--muted); }
.form-error { color: var(--error); font-weight: 600; }
.banner { margin: 0; padding: .75rem 1.5rem; background: #fef3f2; border-bottom: 2px solid var(--error); }

.topbar { display: flex; flex-wrap: wrap; align-items: center;
  gap: .5rem 1.5rem; padding: .6rem 1.5rem; background: #fff; border-bottom: 1px solid var(--line); }
.brand { font-weight: 700; font-size: 1.05rem; color: var(--text); text-decoration: none; }
.topbar nav ul { display: flex; gap: 1rem; margin: 0; padding: 0; list-style: none; }
.topbar nav a { display: inline-block; padding: .3rem .1rem; text-decoration: none; border-bottom: 3px solid transparent; }
.topbar nav a[aria-current="page"] { color: var(--text); font-weight: 600; border-bottom-color: var(--accent); }
.whoami { display: flex; align-items: center; gap: .75rem; margin-left: auto; }
.whoami form { margin: 0; }
main { max-width: 90rem; margin: 0 auto; padding: 1.25rem 1.5rem 3rem; }

button { padding: .45rem 1rem; font: inherit; font-weight: 600; color: #fff;
  background: var(--accent); border: 2px solid var(--accent); border-radius: 6px; cursor: pointer; }
button.secondary { color: var(--accent-dark); background: #fff; }
button[aria-disabled="true"] { opacity: .6; cursor: not-allowed; }
input, select, textarea { display: block; width: 100%; padding: .45rem .6rem; font: inherit;
  color: inherit; background: #fff; border: 1px solid #8a9099; border-radius: 6px; }
textarea { resize: vertical; min-height: 4.5rem; }
[aria-invalid="true"] { border: 2px solid var(--error); }
.fte-field { margin: 0 0 .75rem; }
.fte-field label { display: block; margin: 0 0 .2rem; font-weight: 600; }
.fte-optional, .fte-hint { font-weight: 400; color: var(--muted); font-size: .9rem; }
.fte-hint { margin: 0 0 .25rem; }
.fte-req { color: var(--error); }
.fte-error { margin: .3rem 0 0; color: var(--error); font-weight: 600; font-size: .9rem; }
.check { display: flex; align-items: center; gap: .5rem; margin: 0 0 .6rem; }
.check input { width: auto; margin: 0; }
fieldset { margin: 0 0 .75rem; padding: .5rem .75rem; border: 1px solid var(--line); border-radius: 6px; }
legend { font-weight: 600; padding: 0 .25rem; }

.badge { display: inline-block; padding: .05rem .5rem; font-size: .8rem; font-weight: 600;
  line-height: 1.5; border-radius: 999px; border: 1px solid transparent; white-space: nowrap; }
.channel-email { background: #e1effe; color: #1e429f; }
.channel-whatsapp { background: #def7ec; color: #03543f; }
.channel-web_form { background: #f3e8ff; color: #5521b5; }
.priority-urgent { background: #b42318; color: #fff; }
.priority-high { background: #fde8e8; color: #9b1c1c; }
.priority-medium { background: #fdf6b2; color: #723b13; }
.priority-low, .priority-none { background: #f3f4f6; color: #374151; }
.status-escalated { background: #fde8e8; color: #9b1c1c; }
.status-resolved, .status-closed { background: #def7ec; color: #03543f; }
.status-open, .status-processing, .status-received, .status-responded { background: #f3f4f6; color: #374151; }
.unread { background: var(--accent); color: #fff; }
.verified { background: #def7ec; color: #03543f; }
.claimed { background: #fdf6b2; color: #723b13; }
.other { background: #f3f4f6; color: #374151; margin-left: .25rem; }
.delivery-delivered, .delivery-read, .delivery-sent, .delivery-recorded { background: #def7ec; color: #03543f; }
.delivery-failed, .delivery-undelivered { background: #fde8e8; color: #9b1c1c; }
.delivery-queued, .delivery-pending, .delivery-needs_template { background: #fdf6b2; color: #723b13; }
.role-admin { background: #1e429f; color: #fff; }
.role-agent { background: #e1effe; color: #1e429f; }
.role-analyst { background: #f3f4f6; color: #374151; }

.screen-head { display: flex; align-items: baseline; justify-content: space-between; gap: 1rem; }
.filters { display: flex; flex-wrap: wrap; gap: 0 1rem; margin: 0 0 .25rem; }
.filters .fte-field { min-width: 12rem; }
table.queue { width: 100%; border-collapse: collapse; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; }
.queue th, .queue td { padding: .55rem .75rem; text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); }
.queue thead th { font-size: .85rem; color: var(--muted); background: #fafbfc; }
.queue tbody th { font-weight: 400; }
.queue tbody th a { font-weight: 600; }
.queue .sub { display: block; font-size: .85rem; color: var(--muted); }
.queue tr.active { background: #eef3fd; box-shadow: inset 4px 0 0 var(--accent); }

.facts { display: flex; flex-wrap: wrap; gap: .5rem 2rem; margin: 0 0 1rem; }
.facts div { min-width: 7rem; }
.facts dt { font-size: .8rem; color: var(--muted); }
.facts dd { margin: 0; }
.facts.compact { gap: .25rem 1.5rem; margin-bottom: .5rem; }
.ticket-grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(18rem, 2fr); gap: 1.25rem; align-items: start; }
@media (max-width: 60rem) { .ticket-grid { grid-template-columns: 1fr; } }
.panel { margin: 0 0 1.25rem; padding: 1rem 1.25rem; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; }
.summary { padding: .5rem .75rem; background: #fafbfc; border-left: 3px solid var(--line); white-space: pre-wrap; overflow-wrap: anywhere; }
.passages { margin: 0; padding-left: 1.25rem; }
.passages p { font-size: .9rem; color: var(--muted); }
.history, .notes, .identifiers { margin: 0; padding: 0; list-style: none; }
.msg { margin: 0 0 .75rem; padding: .6rem .8rem; border: 1px solid var(--line); border-left-width: 4px; border-radius: 6px; }
.msg-customer { border-left-color: #8a9099; }
.msg-agent { border-left-color: var(--accent); background: #f7f9fe; }
.msg-human { border-left-color: #057a55; background: #f3faf7; }
.msg-other { opacity: .85; }
.msg-head { margin: 0 0 .25rem; font-size: .9rem; }
.msg-head time { color: var(--muted); margin-left: .25rem; }
.msg-body { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.msg-foot { margin: .35rem 0 0; font-size: .85rem; }
.notes li { margin: 0 0 .6rem; padding: .5rem .75rem; background: #fffbeb; border: 1px solid #f5e3a3; border-radius: 6px; }
.identifiers li { margin: 0 0 .25rem; overflow-wrap: anywhere; }
.ticket-side > section { margin-bottom: 1.25rem; }
.actions form.action { margin: 0 0 1rem; padding: .75rem 1rem;
  background: var(--panel); border: 1px solid var(--line); border-radius: 8px; }
.assign { display: grid; gap: 0; }
.chip { display: inline-block; margin: 0 .35rem .25rem 0; padding: 0 .4rem; background: #f3f4f6; border-radius: 4px; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; margin: 0 0 .75rem; }
@media (max-width: 40rem) { .pair { grid-template-columns: 1fr; } }
.card { padding: .75rem 1rem; border: 1px solid var(--line); border-radius: 6px; }
.buttons { display: flex; gap: .75rem; }

/* Reports: SVG charts. Series are told apart by order and labels too; colours meet 3:1 against white. */
.chart-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(30rem, 1fr)); gap: 1.25rem; margin: 0 0 1.25rem; }
.chart { margin: 0; padding: 1rem 1.25rem; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; }
.chart-svg { display: block; max-width: 100%; height: auto; margin: .5rem 0; }
.chart-svg text { font-size: 12px; fill: var(--text); }
.chart-svg .axis-label { fill: var(--muted); }
.chart-svg .axis, .chart-svg .grid { stroke: var(--line); stroke-width: 1; }
.chart-svg .grid.neutral { stroke: #8a9099; stroke-dasharray: 4 3; }
.chart-svg .grid.threshold { stroke: var(--error); stroke-dasharray: 2 3; }
.series-0 rect, .series-0 circle { fill: #1a56db; } .line.series-0 path { stroke: #1a56db; }
.series-1 rect, .series-1 circle { fill: #057a55; } .line.series-1 path { stroke: #057a55; }
.series-2 rect, .series-2 circle { fill: #9f580a; } .line.series-2 path { stroke: #9f580a; }
.line path { stroke-width: 2.5; }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: .25rem 0; padding: 0; list-style: none; font-size: .9rem; }
.legend li { display: flex; align-items: center; gap: .35rem; }
.figures summary { cursor: pointer; color: var(--accent-dark); font-size: .9rem; }
.figures table { margin-top: .5rem; }
.tiles { padding: .75rem 1rem; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; }
.tiles dd { font-size: 1.35rem; font-weight: 700; }
.period { min-width: 12rem; }
.downloads { margin: 0; padding-left: 1.25rem; }
.candidate .duplicate { padding: .4rem .6rem; background: #fffbeb; border: 1px solid #f5e3a3; border-radius: 6px; }

body.sign-in main { max-width: 28rem; margin: 10vh auto; padding: 2rem;
  background: var(--panel); border: 1px solid var(--line); border-radius: 10px; }
body.sign-in .field { margin: 1rem 0; }
body.sign-in label { display: block; font-weight: 600; margin: 0 0 .2rem; }
body.sign-in .form-error { padding: .5rem .75rem; background: #fef3f2; border: 2px solid var(--error); border-radius: 6px; }
`
