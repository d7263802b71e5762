/**
 * "Report a problem" under a place's details: no account, no location sent, just what is wrong (and which
 * facility, when one is broken) and a short message. Its words live here so the shared message files stay as
 * the map team wrote them.
 */
import { useState } from 'preact/hooks'
import { call, type Label } from '../api.js'
import { useI18n } from '../i18n/index.js'

const TEXT = {
  'zh-CN': {
    open: '报告问题',
    title: '这里的信息有误？',
    kind: '问题类型',
    amenity: '哪项设施',
    choose: '请选择设施',
    message: '补充说明（可选，最多 500 字）',
    send: '提交',
    cancel: '取消',
    thanks: '谢谢！工作人员会尽快核实。',
    failed: '提交失败：{detail}',
    privacy: '不会记录您的位置或身份。',
    closed: '已关闭/没开门',
    amenity_broken: '设施无法使用',
    wrong_location: '位置不对',
    wrong_hours: '开放时间不对',
    other: '其他',
  },
  en: {
    open: 'Report a problem',
    title: 'Something wrong here?',
    kind: 'What is wrong',
    amenity: 'Which facility',
    choose: 'Choose a facility',
    message: 'Details (optional, up to 500 characters)',
    send: 'Send',
    cancel: 'Cancel',
    thanks: 'Thank you! Staff will check it soon.',
    failed: 'Could not send: {detail}',
    privacy: 'Your location and identity are not recorded.',
    closed: 'Closed / not open',
    amenity_broken: 'A facility is not working',
    wrong_location: 'Wrong location',
    wrong_hours: 'Wrong opening hours',
    other: 'Something else',
  },
}
const KINDS = ['closed', 'amenity_broken', 'wrong_location', 'wrong_hours', 'other'] as const

export function ReportProblem({
  placeId,
  amenities,
  amenityLabels,
}: {
  placeId: string
  amenities: string[]
  amenityLabels: Label[]
}) {
  const { lang, pick } = useI18n()
  const text = TEXT[lang]
  const [open, setOpen] = useState(false)
  const [kind, setKind] = useState<(typeof KINDS)[number]>('closed')
  // Nothing pre-selected: a guessed facility would file a wrong report with one careless tap.
  const [amenity, setAmenity] = useState('')
  const [message, setMessage] = useState('')
  const [state, setState] = useState<{ done?: boolean; error?: string; busy?: boolean }>({})
  if (!open)
    return (
      <button type="button" class="link-button" onClick={() => setOpen(true)}>
        {text.open}
      </button>
    )
  if (state.done) return <p role="status">{text.thanks}</p>
  const submit = async (event: Event) => {
    event.preventDefault()
    setState({ busy: true })
    const body = { kind, message, ...(kind === 'amenity_broken' ? { amenity } : {}) }
    try {
      await call('POST', `/api/v1/places/${encodeURIComponent(placeId)}/reports`, body)
      setState({ done: true })
    } catch (e) {
      setState({ error: text.failed.replace('{detail}', (e as Error).message) })
    }
  }
  return (
    <form class="report-form" onSubmit={submit} aria-label={text.title}>
      <h3>{text.title}</h3>
      <label>
        {text.kind}
        <select name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as (typeof KINDS)[number])}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {text[k]}
            </option>
          ))}
        </select>
      </label>
      {kind === 'amenity_broken' && (
        <label>
          {text.amenity}
          <select name="amenity" required value={amenity} onChange={(e) => setAmenity(e.currentTarget.value)}>
            <option value="" disabled>
              {text.choose}
            </option>
            {amenities.map((code) => {
              // Only this station's own facilities: the others cannot be broken here.
              const found = amenityLabels.find((a) => a.code === code)
              return (
                <option key={code} value={code}>
                  {found ? pick(found.label_zh, found.label_en) : code}
                </option>
              )
            })}
          </select>
        </label>
      )}
      <label>
        {text.message}
        <textarea
          name="message"
          maxLength={500}
          required={kind === 'other'}
          value={message}
          onInput={(e) => setMessage(e.currentTarget.value)}
        />
      </label>
      <p class="report-privacy">{text.privacy}</p>
      {state.error && <p role="alert">{state.error}</p>}
      <div class="report-actions">
        <button class="button button-primary" type="submit" disabled={state.busy}>
          {text.send}
        </button>
        <button class="link-button" type="button" onClick={() => setOpen(false)}>
          {text.cancel}
        </button>
      </div>
    </form>
  )
}
