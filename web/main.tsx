import { render } from 'preact'
import { App } from './app.js'
import './styles.css'

const root = document.getElementById('app')!
// Preact leaves children it did not render: the boot line would stay above the app (seen on every staff page).
root.querySelector('.boot')?.remove()
render(<App />, root)
