import { useCallback, useEffect, useState } from 'preact/hooks'
import type { Catalogue } from '../state/use-catalogue.js'
import { ConflictNotice } from './conflict-notice.js'
import { formOf, patchOf, rebase, takeCurrent, type EditForm } from './edit-form.js'
import { HoursEditor } from './hours-editor.js'
import { ConfirmationTimeline } from './live-truth/confirmation-timeline.js'
import { HolidayRuleEditor, LiveTruthEditor } from './live-truth/live-truth-editor.js'
import { useStaffText } from './messages.js'
import { PlaceAdminTools } from './place-admin-tools.js'
import { fieldLabel } from './readable.js'
import { staffApi, ApiFailure, type Account, type FieldConflict, type PlaceFeature, type Problem } from './staff-api.js'

interface Loaded {
  place: PlaceFeature
  etag: string
  /** The place as loaded (or as last merged with): what "changed" is measured against. */
  base: EditForm
}
interface Conflict {
  fields: FieldConflict[]
}

/**
 * Edit form for one place: facilities, status, hours, contact. Saves only the fields the person changed, with
 * If-Match; the server merges them onto newer versions field by field. A 412 names the fields someone else changed
 * too: the form moves onto the current version (keeping the person's edits), shows those fields readably, and
 * "keep mine" sends exactly the person's still-unsaved changes again with the current ETag.
 */
export function PlaceEditor({ id, account, catalogue }: { id: string; account: Account; catalogue: Catalogue | null }) {
  const { st, pick, lang } = useStaffText()
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [form, setForm] = useState<EditForm | null>(null)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [conflict, setConflict] = useState<Conflict | null>(null)
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle')

  const load = useCallback(async () => {
    const { data, etag } = await staffApi.place(id)
    const next = { place: data, etag: etag ?? '', base: formOf(data) }
    setLoaded(next)
    setForm(next.base)
    return next
  }, [id])
  useEffect(() => {
    load().catch((e: ApiFailure) => setProblem(e.problem))
  }, [load])

  if (!loaded || !form)
    return problem ? (
      <p class="staff-error" role="alert">
        {st('failed', { detail: problem.detail })}
      </p>
    ) : (
      <p>{st('loading')}</p>
    )
  const set = <K extends keyof EditForm>(field: K, value: EditForm[K]) => {
    setState('idle')
    setForm({ ...form, [field]: value })
  }

  const save = async (event?: Event, confirmOutsideArea = false) => {
    event?.preventDefault()
    setProblem(null)
    const patch: Record<string, unknown> = patchOf(loaded.base, form)
    if (Object.keys(patch).length === 0) {
      setConflict(null)
      return setState('saved')
    }
    setState('saving')
    try {
      // Only after the admin has seen the server's "outside the service area" and said yes.
      const { data, etag } = await staffApi.patchPlace(
        id,
        loaded.etag,
        confirmOutsideArea ? { ...patch, confirm_outside_area: true } : patch,
      )
      // The answer is the place as merged: others' changes to fields I did not touch show now.
      setLoaded({ place: data, etag: etag ?? '', base: formOf(data) })
      setForm(formOf(data))
      setConflict(null)
      setState('saved')
    } catch (e) {
      setState('idle')
      const failure = e instanceof ApiFailure ? e.problem : { status: 0, detail: String(e) }
      if (failure.status === 412 && failure.current && failure.etag) {
        const current = formOf(failure.current)
        setForm(rebase(loaded.base, form, current))
        setLoaded({ place: failure.current, etag: failure.etag, base: current })
        setConflict({ fields: failure.conflicts ?? [] })
      } else if (failure.status === 412) {
        await load()
        setProblem(failure)
      } else setProblem(failure)
    }
  }
  const useTheirs = () => {
    if (!conflict) return
    setForm(
      takeCurrent(
        form,
        loaded.base,
        conflict.fields.map((c) => c.field),
      ),
    )
    setConflict(null)
  }
  const p = loaded.place.properties
  return (
    <form class="staff-card place-editor" onSubmit={save}>
      <h2>
        {pick(p.name_zh, p.name_en)}{' '}
        <span class="staff-muted">
          {id} · v{p.version}
        </span>
      </h2>
      <p>
        <a href={`#/history/${encodeURIComponent(id)}`}>{st('history')}</a>
      </p>
      <ConfirmationTimeline
        id={id}
        amenityLabels={catalogue?.amenities ?? []}
        marked={Object.keys(form.amenity_status)}
        onMarkBroken={(code) =>
          form.amenities.includes(code) && set('amenity_status', { ...form.amenity_status, [code]: { status: 'out_of_order' } })
        }
      />
      {conflict && (
        <ConflictNotice
          conflicts={conflict.fields}
          unsaved={Object.keys(patchOf(loaded.base, form))}
          catalogue={catalogue}
          saving={state === 'saving'}
          onKeepMine={() => void save()}
          onUseTheirs={useTheirs}
        />
      )}
      {problem && (
        <div class="staff-error" role="alert">
          <p>{problem.errors?.length ? st('fieldErrors') : st('failed', { detail: problem.detail })}</p>
          {problem.errors && (
            <ul>
              {problem.errors.map((e) => (
                <li key={e.field}>
                  {fieldLabel(e.field, lang)}: {e.message}
                </li>
              ))}
            </ul>
          )}
          {problem.status === 422 && problem.errors?.some((e) => e.field === 'location') && (
            <p>
              {st('outsideArea')}{' '}
              <button type="button" onClick={() => void save(undefined, true)}>
                {st('saveOutsideArea')}
              </button>
            </p>
          )}
        </div>
      )}
      <fieldset>
        <legend>{st('amenities')}</legend>
        <div class="amenity-checklist">
          {(catalogue?.amenities ?? []).map((a) => (
            <label key={a.code}>
              <input
                type="checkbox"
                name="amenity"
                value={a.code}
                checked={form.amenities.includes(a.code)}
                onChange={(e) =>
                  set(
                    'amenities',
                    e.currentTarget.checked ? [...form.amenities, a.code] : form.amenities.filter((c) => c !== a.code),
                  )
                }
              />
              {pick(a.label_zh, a.label_en)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{st('status')}</legend>
        <label>
          {st('status')}
          <select name="status" value={form.status} onChange={(e) => set('status', e.currentTarget.value as EditForm['status'])}>
            <option value="open">{st('statusOpen')}</option>
            <option value="temporarily_closed">{st('statusTemporarilyClosed')}</option>
            <option value="closed">{st('statusClosed')}</option>
          </select>
        </label>
        {form.status !== 'open' && (
          <>
            <label>
              {st('statusReason')}
              <input
                name="status_reason"
                maxLength={500}
                value={form.status_reason}
                onInput={(e) => set('status_reason', e.currentTarget.value)}
              />
            </label>
            <label>
              {st('statusUntil')}
              <input
                name="status_until"
                type="date"
                value={form.status_until}
                onInput={(e) => set('status_until', e.currentTarget.value)}
              />
            </label>
          </>
        )}
      </fieldset>
      <fieldset>
        <legend>{st('openingHours')}</legend>
        <HoursEditor value={form.opening_hours} onChange={(next) => set('opening_hours', next)} />
        {form.opening_hours && <HolidayRuleEditor hours={form.opening_hours} onChange={(next) => set('opening_hours', next)} />}
      </fieldset>
      <LiveTruthEditor
        value={{
          amenities: form.amenities,
          amenity_status: form.amenity_status,
          staffed_hours: form.staffed_hours,
          access: form.access,
        }}
        amenityLabels={catalogue?.amenities ?? []}
        onChange={(field, value) => set(field, value as EditForm[typeof field])}
      />
      <label>
        {st('phone')}
        <input name="phone" maxLength={40} value={form.phone} onInput={(e) => set('phone', e.currentTarget.value)} />
      </label>
      <label>
        {st('descriptionZh')}
        <textarea
          name="description_zh"
          maxLength={2000}
          value={form.description_zh}
          onInput={(e) => set('description_zh', e.currentTarget.value)}
        />
      </label>
      <label>
        {st('descriptionEn')}
        <textarea
          name="description_en"
          maxLength={2000}
          value={form.description_en}
          onInput={(e) => set('description_en', e.currentTarget.value)}
        />
      </label>
      {account.role === 'admin' && (
        <PlaceAdminTools id={id} name={p.name_zh} location={form.location} onMove={(next) => set('location', next)} />
      )}
      <div class="staff-actions sticky-save">
        <button class="button button-primary" type="submit" disabled={state === 'saving'}>
          {state === 'saving' ? st('saving') : st('save')}
        </button>
        {state === 'saved' && (
          <span role="status" class="staff-ok">
            {st('saved')}
          </span>
        )}
      </div>
    </form>
  )
}
