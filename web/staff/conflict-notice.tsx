import type { Catalogue } from '../state/use-catalogue.js'
import { useStaffText } from './messages.js'
import { fieldLabel, readableValue } from './readable.js'
import type { FieldConflict } from './staff-api.js'

/**
 * After a 412: the fields someone else changed too, each with the value when I started, theirs now and mine, in
 * words (labels, amenity names, hours as text). The form already sits on the current version with my edits on top;
 * "keep mine" saves my still-unsaved changes (these fields and any others I changed), "use theirs" puts the
 * current values into these fields.
 */
export function ConflictNotice(props: {
  conflicts: FieldConflict[]
  /** Every field the save would send (the conflicting ones and my other unsaved changes). */
  unsaved: string[]
  catalogue: Catalogue | null
  saving: boolean
  onKeepMine: () => void
  onUseTheirs: () => void
}) {
  const text = useStaffText()
  const { st, lang } = text
  const value = (field: string, v: unknown) => readableValue(field, v, { i18n: text, catalogue: props.catalogue })
  const others = props.unsaved.filter((f) => !props.conflicts.some((c) => c.field === f))
  return (
    <div class="conflict" role="alert">
      <h3>{st('conflictTitle')}</h3>
      <p>{st('conflictExplain')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{st('field')}</th>
            <th scope="col">{st('baseValue')}</th>
            <th scope="col">{st('theirValue')}</th>
            <th scope="col">{st('yourValue')}</th>
          </tr>
        </thead>
        <tbody>
          {props.conflicts.map((c) => (
            <tr key={c.field} data-field={c.field}>
              <th scope="row">{fieldLabel(c.field, lang)}</th>
              <td>{c.base_known ? value(c.field, c.base) : st('unknownValue')}</td>
              <td>{value(c.field, c.current)}</td>
              <td>{value(c.field, c.yours)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {others.length > 0 && (
        <p class="staff-muted">
          {st('alsoUnsaved', { fields: others.map((f) => fieldLabel(f, lang)).join(lang === 'en' ? ', ' : '、') })}
        </p>
      )}
      <div class="staff-actions">
        <button type="button" class="button button-primary" disabled={props.saving} onClick={props.onKeepMine}>
          {st('keepMine')}
        </button>
        <button type="button" class="button" onClick={props.onUseTheirs}>
          {st('useTheirs')}
        </button>
      </div>
    </div>
  )
}
