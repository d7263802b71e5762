/**
 * Leaflet with the cluster plugin. The plugin is a UMD script that extends a global `L`, so Leaflet is published on
 * the window before the plugin module runs (ES modules evaluate their imports in order).
 */
import L from 'leaflet'
import './leaflet-global.js'
import 'leaflet.markercluster'
// The stylesheets are in web/map/leaflet-styles.ts, loaded first by web/main.tsx.

export default L
