/**
 * Line icons for categories and amenities (24×24, stroke = currentColor). Icons are never the only cue: each sits
 * next to its words, or carries an accessible label where words do not fit.
 */
export const CATEGORY_ICON_PATHS: Record<string, string> = {
  caring_station: 'M12 20s-7.5-4.6-8.8-9.3A4.7 4.7 0 0 1 12 7a4.7 4.7 0 0 1 8.8 3.7C19.5 15.4 12 20 12 20z',
  clinic: 'M12 5v14M5 12h14',
  talent_apartment: 'M3 11 12 3l9 8M5 10v11h14V10M10 21v-6h4v6',
  training_base: 'M2 9l10-5 10 5-10 5zM6 11v5c3 3 9 3 12 0v-5',
}

export const AMENITY_ICON_PATHS: Record<string, string> = {
  rest_seating: 'M7 3v18M7 13h10v8M7 13h10',
  drinking_water: 'M12 3s6 7 6 11.5a6 6 0 0 1-12 0C6 10 12 3 12 3z',
  first_aid_kit: 'M3 7h18v13H3zM9 7V4h6v3M12 10v7M8.5 13.5h7',
  wifi: 'M2 9a15 15 0 0 1 20 0M5 12.5a10 10 0 0 1 14 0M8.5 16a5 5 0 0 1 7 0M12 20h.01',
  phone_charging: 'M13 2 4 14h7l-1 8 9-12h-7z',
  smartphone_help: 'M7 2h10v20H7zM11 18h2',
  meal_heating: 'M3 12h18a9 9 0 0 1-18 0zM9 3c-1 1.5 1 2.5 0 4M15 3c-1 1.5 1 2.5 0 4',
  toilet: 'M12 2.5a2 2 0 1 0 0 4 2 2 0 0 0 0-4zM8 9h8l-1 6h-2v7h-2v-7H9z',
  air_conditioning: 'M12 2v20M3.5 7l17 10M3.5 17l17-10',
  ebike_charging:
    'M2 17.5a3.5 3.5 0 1 0 7 0 3.5 3.5 0 1 0-7 0M15 17.5a3.5 3.5 0 1 0 7 0 3.5 3.5 0 1 0-7 0M5.5 17.5 9 9h6l3.5 8.5M12 17.5 9 9M14 6h3',
  umbrella_lending: 'M2 12a10 10 0 0 1 20 0zM12 12v7a2 2 0 0 1-4 0',
  accessible_entrance: 'M9 4a2 2 0 1 0 4 0 2 2 0 1 0-4 0M11 7v7h6l2 5M8 10.5a6 6 0 1 0 8 7.5',
}

/** The same drawing as a string, for Leaflet marker icons (static markup built only from our own constants). */
export function iconSvgMarkup(path: string, size = 18): string {
  return `<svg viewBox="0 0 24 24" width="${size}" height="${size}" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"><path d="${path}"/></svg>`
}

export function Icon({ path, size = 20 }: { path: string | undefined; size?: number }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="2.2"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <path d={path ?? 'M12 12h.01'} />
    </svg>
  )
}

export const CategoryIcon = ({ code, size }: { code: string; size?: number }) => (
  <Icon path={CATEGORY_ICON_PATHS[code]} size={size ?? 20} />
)
export const AmenityIcon = ({ code, size }: { code: string; size?: number }) => (
  <Icon path={AMENITY_ICON_PATHS[code]} size={size ?? 20} />
)
