/**
 * Leaflet with the cluster plugin. The plugin is a UMD script that extends a global `L`, so Leaflet is published on
 * the window before the plugin module runs (ES modules evaluate their imports in order).
 */
import L from 'leaflet'
import './leaflet-global.js'
import 'leaflet.markercluster'
import 'leaflet/dist/leaflet.css'
import 'leaflet.markercluster/dist/MarkerCluster.css'
import 'leaflet.markercluster/dist/MarkerCluster.Default.css'

export default L
