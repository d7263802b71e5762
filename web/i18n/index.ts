/**
 * i18n for the public map and the staff area: zh-CN by default, English one tap away, the choice remembered in
 * localStorage. `translate` fills `{name}` placeholders and, for a message with plural forms, takes the form
 * `Intl.PluralRules` names for `{n}` ("1 place", "2 places"); `pick` chooses a zh/en pair from API data (falling back to
 * Chinese when an English value is missing).
 */
import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import { en } from './en.js'
import { zhCN, type MessageKey } from './zh-CN.js'

export type Lang = 'zh-CN' | 'en'
export type { MessageKey }
/** A message that changes with the number `{n}`: one text per CLDR plural category the language uses. */
export type PluralMessage = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }
export type Message = string | PluralMessage
export const MESSAGES: Record<Lang, Record<MessageKey, Message>> = { 'zh-CN': zhCN, en }

const pluralRules: Partial<Record<Lang, Intl.PluralRules>> = {}
function form(lang: Lang, message: Message, n: unknown): string {
  if (typeof message === 'string') return message
  const rules = (pluralRules[lang] ??= new Intl.PluralRules(lang))
  return message[rules.select(Number(n))] ?? message.other
}
const STORAGE_KEY = 'waystation.lang'

export function translate(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return form(lang, MESSAGES[lang][key], vars.n).replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  )
}

export function pick(lang: Lang, zh: string | null | undefined, english: string | null | undefined): string {
  return (lang === 'en' ? english || zh : zh || english) ?? ''
}

/** The person's own choice if they made one; else the browser's first zh/en preference; else Chinese. */
export function storedLang(): Lang {
  let chosen: string | null = null
  try {
    chosen = localStorage.getItem(STORAGE_KEY)
  } catch {
    // Private mode: fall through to the browser's languages.
  }
  if (chosen === 'en' || chosen === 'zh-CN') return chosen
  return browserLang(typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]))
}

export function browserLang(languages: readonly string[]): Lang {
  for (const tag of languages) {
    const lower = tag.toLowerCase()
    if (lower.startsWith('zh')) return 'zh-CN'
    if (lower.startsWith('en')) return 'en'
  }
  return 'zh-CN'
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang)
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = lang
}

export interface I18n {
  lang: Lang
  t: (key: MessageKey, vars?: Record<string, string | number>) => string
  pick: (zh: string | null | undefined, english: string | null | undefined) => string
}

export function makeI18n(lang: Lang): I18n {
  return { lang, t: (key, vars) => translate(lang, key, vars), pick: (zh, english) => pick(lang, zh, english) }
}

export const I18nContext = createContext<I18n>(makeI18n('zh-CN'))
export const useI18n = () => useContext(I18nContext)
