/** /console/app.js: mounts the staff console into the shell's #console element. */
import { createElement } from 'react'
import { createRoot } from 'react-dom/client'
import { Console } from './Console.js'

const root = document.getElementById('console')
if (root) createRoot(root).render(createElement(Console))
