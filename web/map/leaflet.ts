/** Leaflet and its stylesheet: the one place the map library is imported from. */
import L from 'leaflet'
import 'leaflet/dist/leaflet.css'

export default L
