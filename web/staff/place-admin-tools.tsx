import { useState } from 'preact/hooks'
import { useStaffText } from './messages.js'
import { PositionPicker } from './position-picker.js'
import { staffApi } from './staff-api.js'

/** Administrator tools in the editor: move (saved with the form) and soft-delete. */
export function PlaceAdminTools({
  id,
  name,
  location,
  onMove,
}: {
  id: string
  name: string
  location: [number, number]
  onMove: (next: [number, number]) => void
}) {
  const { st } = useStaffText()
  const [error, setError] = useState('')
  const remove = async () => {
    if (!confirm(st('confirmDelete', { name }))) return
    try {
      await staffApi.deletePlace(id)
      window.location.hash = '#/places'
    } catch (e) {
      setError((e as Error).message)
    }
  }
  return (
    <fieldset>
      <legend>{st('position')}</legend>
      <p class="staff-muted">
        {st('pickOnMap')} — {st('lng')} {location[0]}, {st('lat')} {location[1]}
      </p>
      <PositionPicker value={location} onPick={onMove} label={st('pickOnMap')} />
      <button type="button" class="button danger" onClick={remove}>
        {st('deletePlace')}
      </button>
      {error && (
        <p class="staff-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  )
}
