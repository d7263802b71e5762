import { displayValue, type EditForm, type FormField } from './edit-form.js'
import { useStaffText } from './messages.js'

/** After a 412: what the other person changed (was → now), next to what I typed, and the two ways on. */
export function ConflictNotice(props: {
  base: EditForm
  current: EditForm
  mine: EditForm
  changed: FormField[]
  onKeepMine: () => void
  onDiscardMine: () => void
}) {
  const { st } = useStaffText()
  return (
    <div class="conflict" role="alert">
      <h3>{st('conflictTitle')}</h3>
      <p>{st('conflictExplain')}</p>
      <table>
        <thead>
          <tr>
            <th>{st('field')}</th>
            <th>{st('before')}</th>
            <th>{st('theirValue')}</th>
            <th>{st('yourValue')}</th>
          </tr>
        </thead>
        <tbody>
          {props.changed.map((field) => (
            <tr key={field} data-field={field}>
              <th scope="row">{field}</th>
              <td>{displayValue(props.base[field])}</td>
              <td>{displayValue(props.current[field])}</td>
              <td>{displayValue(props.mine[field])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="staff-actions">
        <button type="button" class="button button-primary" onClick={props.onKeepMine}>
          {st('keepMine')}
        </button>
        <button type="button" class="button" onClick={props.onDiscardMine}>
          {st('discardMine')}
        </button>
      </div>
    </div>
  )
}
