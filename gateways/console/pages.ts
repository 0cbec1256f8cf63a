/**
 * The console's server-rendered HTML: the shell the app mounts into, and the sign-in page, which
 * works without any script (a plain form POST). None of it carries customer data: the app asks
 * the staff API for that, with the session cookie.
 */

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const head = (title: string, extra = '') => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/console/console.css">
${extra}<title>${escapeHtml(title)}</title>
</head>`

export function consoleShell(): string {
  return `${head('Support console')}
<body>
<div id="console"><p class="loading">Loading the console…</p></div>
<noscript><p class="notice">The console needs JavaScript. The staff API (Authorization: Bearer &lt;token&gt;) does not.</p></noscript>
<script src="/console/app.js" defer></script>
</body>
</html>
`
}

/**
 * The token form. An error is in a role=alert paragraph the field points at, and the field has
 * focus on arrival, so a screen reader reads the problem and where to fix it.
 */
export function signInPage(opts: { error?: string; next?: string } = {}): string {
  const error = opts.error ? escapeHtml(opts.error) : null
  const describedBy = ['token-hint', error ? 'token-error' : ''].filter(Boolean).join(' ')
  return `${head(error ? 'Sign-in failed - Support console' : 'Sign in - Support console')}
<body class="sign-in">
<main>
<h1>Support console</h1>
<p>Sign in with your personal staff token.</p>
${error ? `<p id="token-error" class="form-error" role="alert">${error}</p>\n` : ''}<form method="post" action="/console/sign-in">
  <div class="field">
    <label for="token">Staff token</label>
    <p id="token-hint" class="hint">It starts with <code>fte_</code>:
      <code>npm run fte -- staff add</code> or <code>staff token &lt;email&gt;</code> printed it.</p>
    <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" required autofocus
      aria-describedby="${describedBy}"${error ? ' aria-invalid="true"' : ''}>
  </div>
  ${opts.next ? `<input type="hidden" name="next" value="${escapeHtml(opts.next)}">` : ''}
  <button type="submit">Sign in</button>
</form>
<p class="hint">No token at hand? An admin can print a one-time sign-in link: <code>npm run fte -- staff link &lt;email&gt;</code>.</p>
</main>
</body>
</html>
`
}

/**
 * After a sign-in link opened from another site: a SameSite=Strict cookie is withheld from the
 * rest of a navigation another site started, redirects included, so a 303 would land on the
 * sign-in page. A refresh from our own page is a navigation we started, and carries it.
 */
export function signedInPage(): string {
  return `${head('Signed in - Support console', '<meta http-equiv="refresh" content="0;url=/console">\n')}
<body class="sign-in">
<main>
<h1>Signed in</h1>
<p><a href="/console">Continue to the console</a></p>
</main>
</body>
</html>
`
}

/**
 * Only our own script and stylesheet, calls to our own API, forms to ourselves, never framed.
 * No inline script or style: nothing injected into a page can run or restyle it.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ')
