import { render } from 'preact'
import { App } from './app.js'
import './map/leaflet-styles.js'
import './styles.css'

const root = document.getElementById('app')!
// Preact leaves children it did not render: the boot line would stay above the app (seen on every staff page).
root.querySelector('.boot')?.remove()
render(<App />, root)

// The service worker (dist/web/sw.js, from vite-plugin-pwa) keeps the app shell for offline reloads.
if ('serviceWorker' in navigator)
  addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined))
