import { scriptBundle } from '../http/scriptBundle.js'

/**
 * The embeddable widget (React + the form's zod contract) as one minified script, built on first
 * request: the browser validates with exactly the module the server uses (~320 KB -> ~85 KB brotli).
 */
export const widgetBundle = scriptBundle({ entry: new URL('./widget/main', import.meta.url), what: 'web-form widget' })
