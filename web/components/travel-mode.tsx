/** Walking or e-bike: sets the arrival times in the list and the directions' mode (remembered). */
import { useI18n } from '../i18n/index.js'
import { useTravelMode } from '../state/use-travel-mode.js'

export function TravelModeChoice() {
  const { t } = useI18n()
  const [mode, setMode] = useTravelMode()
  return (
    <div class="travel-choice" role="group" aria-label={t('travelMode')}>
      {(['walk', 'ride'] as const).map((m) => (
        <button key={m} type="button" class="chip" aria-pressed={mode === m} onClick={() => setMode(m)}>
          {t(m === 'walk' ? 'walking' : 'riding')}
        </button>
      ))}
    </div>
  )
}
