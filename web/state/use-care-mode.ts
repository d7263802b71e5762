/**
 * 关怀模式 (the MIIT ageing-friendly "care mode"): larger text and tap targets, one switch, remembered on this
 * phone. It is a class on <html>, so the stylesheet alone decides the sizes and the staff area gets them too.
 */
import { useEffect, useState } from 'preact/hooks'

const STORAGE_KEY = 'waystation.care'

export function storedCareMode(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === '1'
  } catch {
    return false
  }
}

export function useCareMode(): [boolean, () => void] {
  const [care, setCare] = useState(storedCareMode)
  useEffect(() => {
    document.documentElement.classList.toggle('care', care)
  }, [care])
  const toggle = () => {
    const next = !care
    try {
      localStorage.setItem(STORAGE_KEY, next ? '1' : '0')
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    setCare(next)
  }
  return [care, toggle]
}
