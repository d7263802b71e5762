/** Category colours, for markers, the legend, the list and the filters (no Leaflet here: the list loads without it). */
export const CATEGORY_COLOURS: Record<string, string> = {
  caring_station: '#c92a2a',
  clinic: '#1864ab',
  talent_apartment: '#6741d9',
  training_base: '#2b8a3e',
}
