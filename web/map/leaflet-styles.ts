/**
 * Leaflet's stylesheet, in the first-load CSS and before web/styles.css, which overrides some of its rules (the
 * attribution link, marker sizes). Leaflet's script comes later with the map (web/map/lazy-map-view.tsx); its CSS
 * must not, or it would land after ours and win.
 */
import 'leaflet/dist/leaflet.css'
