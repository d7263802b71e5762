/**
 * Leaflet: the one place the map library is imported from. Its stylesheet is in web/map/leaflet-styles.ts, loaded
 * first by web/main.tsx, so that web/styles.css comes after it and wins.
 */
import L from 'leaflet'

export default L
