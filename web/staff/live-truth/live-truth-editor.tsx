/**
 * The live-truth part of the place editor: each facility's status (out of order, until, why), staffed hours
 * beside the opening hours, and how to get in. Edits the form like every other field (saved with If-Match,
 * audited by the API).
 */
import type { Access, AccessMethod, AmenityOutage, Label, OpeningHours } from '../../api.js'
import { HoursEditor } from '../hours-editor.js'
import { useTruthText } from './text.js'

const METHODS: AccessMethod[] = ['walk_in', 'ask_staff', 'scan_code', 'key_from_counter']

export interface LiveTruthFields {
  amenities: string[]
  amenity_status: Partial<Record<string, AmenityOutage>>
  staffed_hours: OpeningHours | null
  access: Access | null
}

interface Props {
  value: LiveTruthFields
  amenityLabels: Label[]
  onChange: <K extends keyof LiveTruthFields>(field: K, value: LiveTruthFields[K]) => void
}

export function LiveTruthEditor({ value, amenityLabels, onChange }: Props) {
  const { tt, pick } = useTruthText()
  const setOutage = (code: string, outage: AmenityOutage | null) => {
    const next = { ...value.amenity_status }
    if (outage) next[code] = outage
    else delete next[code]
    onChange('amenity_status', next)
  }
  const clean = (o: AmenityOutage): AmenityOutage =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined)) as AmenityOutage
  return (
    <fieldset class="live-truth-editor">
      <legend>{tt('liveTruth')}</legend>
      <h4>{tt('amenityStatus')}</h4>
      {value.amenities.length === 0 && <p class="staff-muted">{tt('noAmenities')}</p>}
      <ul class="outage-list">
        {value.amenities.map((code) => {
          const label = amenityLabels.find((a) => a.code === code)
          const name = label ? pick(label.label_zh, label.label_en) : code
          const outage = value.amenity_status[code]
          return (
            <li key={code} data-amenity={code}>
              {/* The checkbox is named "out of order" within the facility's group, so "热饭" alone still names only
                  the facility checkbox above. */}
              <fieldset class="outage">
                <legend>{name}</legend>
                <label>
                  <input
                    type="checkbox"
                    checked={Boolean(outage)}
                    onChange={(e) => setOutage(code, e.currentTarget.checked ? { status: 'out_of_order' } : null)}
                  />
                  {tt('outOfOrder')}
                </label>
                {outage && (
                  <span class="outage-fields">
                    <label>
                      {tt('until')}
                      <input
                        type="date"
                        value={outage.until ?? ''}
                        onInput={(e) => setOutage(code, clean({ ...outage, until: e.currentTarget.value }))}
                      />
                    </label>
                    <label>
                      {tt('reasonZh')}
                      <input
                        maxLength={200}
                        value={outage.reason_zh ?? ''}
                        onInput={(e) => setOutage(code, clean({ ...outage, reason_zh: e.currentTarget.value }))}
                      />
                    </label>
                    <label>
                      {tt('reasonEn')}
                      <input
                        maxLength={200}
                        value={outage.reason_en ?? ''}
                        onInput={(e) => setOutage(code, clean({ ...outage, reason_en: e.currentTarget.value }))}
                      />
                    </label>
                  </span>
                )}
              </fieldset>
            </li>
          )
        })}
      </ul>
      <h4>{tt('staffedHours')}</h4>
      <p class="staff-muted">{tt('staffedHint')}</p>
      {value.staffed_hours ? (
        <>
          <HoursEditor value={value.staffed_hours} onChange={(next) => onChange('staffed_hours', next)} />
          <button type="button" class="link-button" onClick={() => onChange('staffed_hours', null)}>
            {tt('clearStaffedHours')}
          </button>
        </>
      ) : (
        <p>
          {tt('noStaffedHours')}{' '}
          <button type="button" class="button" onClick={() => onChange('staffed_hours', { weekly: {} })}>
            {tt('setStaffedHours')}
          </button>
        </p>
      )}
      <h4>{tt('access')}</h4>
      <label>
        {tt('access')}
        <select
          name="access_method"
          value={value.access?.method ?? ''}
          onChange={(e) => {
            const method = e.currentTarget.value as AccessMethod | ''
            onChange('access', method ? { ...value.access, method } : null)
          }}
        >
          <option value="">{tt('accessNone')}</option>
          {METHODS.map((m) => (
            <option key={m} value={m}>
              {tt(m)}
            </option>
          ))}
        </select>
      </label>
      {value.access && (
        <>
          <label>
            {tt('accessNoteZh')}
            <input
              maxLength={200}
              value={value.access.note_zh ?? ''}
              onInput={(e) => onChange('access', noted(value.access!, 'note_zh', e.currentTarget.value))}
            />
          </label>
          <label>
            {tt('accessNoteEn')}
            <input
              maxLength={200}
              value={value.access.note_en ?? ''}
              onInput={(e) => onChange('access', noted(value.access!, 'note_en', e.currentTarget.value))}
            />
          </label>
        </>
      )}
    </fieldset>
  )
}

/** An empty note is no note (the API keeps notes optional, not empty). */
function noted(access: Access, field: 'note_zh' | 'note_en', text: string): Access {
  const next = { ...access }
  if (text) next[field] = text
  else delete next[field]
  return next
}

/** What the place does on public holidays: part of its opening hours. */
export function HolidayRuleEditor({ hours, onChange }: { hours: OpeningHours; onChange: (next: OpeningHours) => void }) {
  const { tt } = useTruthText()
  const rule = hours.holidays ?? 'as_usual'
  const mode = Array.isArray(rule) ? 'hours' : rule
  const set = (next: NonNullable<OpeningHours['holidays']>) => {
    const { holidays: _old, ...rest } = hours
    onChange(next === 'as_usual' ? rest : { ...rest, holidays: next })
  }
  return (
    <div class="holiday-rule">
      <label>
        {tt('holidayRule')}
        <select
          name="holidays"
          value={mode}
          onChange={(e) => {
            const v = e.currentTarget.value
            set(v === 'hours' ? [['09:00', '17:00']] : (v as 'as_usual' | 'closed'))
          }}
        >
          <option value="as_usual">{tt('holidayAsUsual')}</option>
          <option value="closed">{tt('holidayClosed')}</option>
          <option value="hours">{tt('holidayHours')}</option>
        </select>
      </label>
      {Array.isArray(rule) && (
        <span class="holiday-hours">
          {rule.map(([opens, closes], i) => (
            <span key={i} class="interval">
              <input
                class="hhmm"
                aria-label={`${tt('holidayRule')} ${i + 1} opens`}
                value={opens}
                onInput={(e) => set(rule.map((iv, k) => (k === i ? [e.currentTarget.value, iv[1]] : iv)))}
              />
              –
              <input
                class="hhmm"
                aria-label={`${tt('holidayRule')} ${i + 1} closes`}
                value={closes}
                onInput={(e) => set(rule.map((iv, k) => (k === i ? [iv[0], e.currentTarget.value] : iv)))}
              />
            </span>
          ))}
        </span>
      )}
      {mode !== 'as_usual' && <p class="staff-muted">{tt('holidayHint')}</p>}
    </div>
  )
}
