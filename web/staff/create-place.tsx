import { useEffect, useState } from 'preact/hooks'
import type { Catalogue } from '../state/use-catalogue.js'
import { useStaffText } from './messages.js'
import { PositionPicker } from './position-picker.js'
import { staffApi, ApiFailure } from './staff-api.js'

/** Administrators: a new place, its position picked on the map; then on to the full editor. */
export function CreatePlaceView({ catalogue }: { catalogue: Catalogue | null }) {
  const { st, pick } = useStaffText()
  const [category, setCategory] = useState('caring_station')
  const [name, setName] = useState('')
  const [organisation, setOrganisation] = useState('')
  const [organisations, setOrganisations] = useState<{ id: string; name_zh: string; name_en: string | null }[]>([])
  const [position, setPosition] = useState<[number, number] | null>(null)
  const [error, setError] = useState('')
  const [outside, setOutside] = useState(false)
  useEffect(() => {
    staffApi.organisations().then(setOrganisations, () => undefined)
  }, [])
  const submit = async (event: Event | undefined, confirmOutsideArea = false) => {
    event?.preventDefault()
    setOutside(false)
    if (!position) return setError(st('pickOnMap'))
    try {
      const { data } = await staffApi.createPlace({
        category,
        name_zh: name,
        location: position,
        ...(organisation ? { organisation_id: organisation } : {}),
        ...(confirmOutsideArea ? { confirm_outside_area: true } : {}),
      })
      location.hash = `#/edit/${encodeURIComponent(data.id)}`
    } catch (e) {
      const problem = e instanceof ApiFailure ? e.problem : null
      setError(problem?.errors?.map((x) => `${x.field}: ${x.message}`).join('; ') || (e as Error).message)
      setOutside(problem?.status === 422 && Boolean(problem.errors?.some((x) => x.field === 'location')))
    }
  }
  return (
    <form class="staff-card" onSubmit={submit}>
      <h2>{st('navNewPlace')}</h2>
      <label>
        {st('category')}
        <select value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
          {(catalogue?.categories ?? []).map((c) => (
            <option key={c.code} value={c.code}>
              {pick(c.label_zh, c.label_en)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {st('nameZh')}
        <input required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        {st('organisations')}
        <select value={organisation} onChange={(e) => setOrganisation(e.currentTarget.value)}>
          <option value="">—</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {pick(o.name_zh, o.name_en)}
            </option>
          ))}
        </select>
      </label>
      <p>
        {st('pickOnMap')}
        {position ? ` — ${st('lng')} ${position[0]}, ${st('lat')} ${position[1]}` : ''}
      </p>
      <PositionPicker value={position} onPick={setPosition} label={st('pickOnMap')} />
      {error && (
        <p class="staff-error" role="alert">
          {error}
          {outside && (
            <>
              {' '}
              {st('outsideArea')}{' '}
              <button type="button" onClick={() => void submit(undefined, true)}>
                {st('saveOutsideArea')}
              </button>
            </>
          )}
        </p>
      )}
      <button class="button button-primary" type="submit">
        {st('create')}
      </button>
    </form>
  )
}
