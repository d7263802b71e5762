import { render } from 'preact'
import { App } from './app.js'
import { whenIdle } from './lib/idle.js'
import './map/leaflet-styles.js'
import './styles.css'

const root = document.getElementById('app')!
// Preact leaves children it did not render: the boot line would stay above the app (seen on every staff page).
root.querySelector('.boot')?.remove()
render(<App />, root)

// The service worker (dist/web/sw.js, from vite-plugin-pwa) keeps the app shell for offline reloads. Registered
// once the page has loaded and the browser is idle: its precache downloads must not compete with the first list.
const register = () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined)
if ('serviceWorker' in navigator) addEventListener('load', () => whenIdle(register, { timeout: 3000, fallbackMs: 1000 }))
