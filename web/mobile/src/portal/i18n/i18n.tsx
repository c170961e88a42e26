// The portal's languages: Chinese first (zh-CN), English from the switch in the header; the
// choice is kept in the browser. `t(key, vars)` fills {name} placeholders. Dates and times are
// shown in Asia/Shanghai whatever the phone's zone.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

export type Lang = 'zh-CN' | 'en';
export type Vars = Record<string, string | number>;
export type T = (key: MessageKey, vars?: Vars) => string;

const LANG_KEY = 'wangge.portal.lang';
const TZ = 'Asia/Shanghai';

function initialLang(): Lang {
  try {
    const q = new URLSearchParams(window.location.search).get('lang');
    if (q === 'en' || q === 'zh-CN') return q;
    const saved = localStorage.getItem(LANG_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    /* storage blocked: Chinese */
  }
  return 'zh-CN';
}

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const s: string = (lang === 'en' ? en[key] : zhCN[key]) ?? zhCN[key] ?? key;
  return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
}

export interface I18n {
  lang: Lang;
  t: T;
  setLang: (l: Lang) => void;
  /** 2026-03-10 10:00 (zh) / 10 Mar 2026, 10:00 (en), in Asia/Shanghai. */
  dateTime: (iso: string | null | undefined) => string;
  /** 3月10日 周二 / Tue, 10 Mar. */
  day: (iso: string) => string;
  /** 10:00 */
  time: (iso: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(LANG_KEY, l);
    } catch {
      /* not kept: fine */
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const locale = lang === 'en' ? 'en-GB' : 'zh-CN';
    const dt = new Intl.DateTimeFormat(locale, {
      timeZone: TZ,
      year: 'numeric',
      month: lang === 'en' ? 'short' : '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    const dayFmt = new Intl.DateTimeFormat(locale, {
      timeZone: TZ,
      month: lang === 'en' ? 'short' : 'long',
      day: 'numeric',
      weekday: 'short',
    });
    const timeFmt = new Intl.DateTimeFormat(locale, {
      timeZone: TZ,
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    return {
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      dateTime: (iso) => (iso ? dt.format(new Date(iso)).replace(/\//g, '-') : '—'),
      day: (iso) => dayFmt.format(new Date(iso)),
      time: (iso) => timeFmt.format(new Date(iso)),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
