import { normalizeOrigin } from '../http/cors.js'

/**
 * A page of our own around the widget: GET /support (the form, for linking to or embedding in an
 * iframe) and GET /support/ticket/:id in a browser (the ticket's status page). Nothing inline
 * runs: the one script is /widget.js; the widget's stylesheet carries the page's nonce (it copies
 * it from its script tag), so the CSP needs no 'unsafe-inline'. `data` becomes the mount point's
 * data attributes (the widget's options).
 */
export function supportPage(opts: { nonce: string; title?: string; data?: Record<string, string> }): string {
  const title = escapeHtml(opts.title ?? 'Contact support')
  const data = Object.entries(opts.data ?? {}).map(([k, v]) => ` data-${k.replace(/[^a-z-]/g, '')}="${escapeHtml(v)}"`).join('')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${title}</title>
<style nonce="${opts.nonce}">
  body { margin: 0; padding: 1.5rem 1rem; background: #f6f7f9; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1f23; }
  main { max-width: 40rem; margin: 0 auto; }
</style>
</head>
<body>
<main>
  <div id="fte-support-form" data-title="${title}"${data}></div>
  <noscript><p>This support form needs JavaScript. Please enable it, or contact us by email.</p></noscript>
</main>
<script src="/widget.js" nonce="${opts.nonce}" defer></script>
</body>
</html>
`
}

/**
 * Only our own script, styles with the nonce, calls to our own API. frame-ancestors follows
 * FTE_CORS_ORIGINS: the sites trusted to embed the form by script may embed it by iframe too.
 */
export function supportPageCsp(nonce: string, corsOrigins: readonly string[]): string {
  const origins = corsOrigins.map(normalizeOrigin).filter((o): o is string => !!o && o !== 'null')
  const ancestors = origins.includes('*') ? '*' : ["'self'", ...origins].join(' ')
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${ancestors}`,
  ].join('; ')
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
