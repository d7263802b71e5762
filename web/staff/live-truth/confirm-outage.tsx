/** For an "amenity broken" report: resolve it and mark the facility out of order on the place, in one step. */
import { useState } from 'preact/hooks'
import { truthApi } from './truth-api.js'
import { useTruthText } from './text.js'

export function ConfirmOutage({ reportId, note, onDone }: { reportId: string; note: string; onDone: (error?: string) => void }) {
  const { tt } = useTruthText()
  const [until, setUntil] = useState('')
  return (
    <span class="confirm-outage">
      <label>
        {tt('outageUntil')}
        <input type="date" value={until} onInput={(e) => setUntil(e.currentTarget.value)} />
      </label>
      <button
        type="button"
        class="button"
        onClick={() =>
          truthApi.confirmOutage(reportId, note, until).then(
            () => onDone(),
            (e: Error) => onDone(e.message),
          )
        }
      >
        {tt('confirmOutage')}
      </button>
    </span>
  )
}
