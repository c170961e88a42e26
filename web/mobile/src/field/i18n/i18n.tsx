// Language of the field app: Chinese first, English from the switch (kept on the device), with
// antd-mobile's own texts following; times shown in Asia/Shanghai.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCNLocale from 'antd-mobile/es/locales/zh-CN';
import { en } from './en.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey };
export type Vars = Record<string, string | number>;

const RESOURCES: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'wangge.field.lang';

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text = RESOURCES[lang][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // storage blocked: Chinese
  }
  return 'zh-CN';
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Vars) => string;
  /** A time as HH:mm (today) or MM-DD HH:mm, in Asia/Shanghai. */
  time: (iso: string | number | Date) => string;
  /** A distance in metres as "850 米" / "1.2 公里" (or m / km). */
  distance: (m: number) => string;
}

const Ctx = createContext<I18n | null>(null);

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function fmt(lang: Lang, opts: Intl.DateTimeFormatOptions, key: string): Intl.DateTimeFormat {
  const k = `${lang}|${key}`;
  let f = fmtCache.get(k);
  if (!f) fmtCache.set(k, (f = new Intl.DateTimeFormat(lang, { timeZone: 'Asia/Shanghai', ...opts })));
  return f;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // not kept; fine for this visit
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translate(lang, 'app.docTitle');
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      time(v) {
        const d = new Date(v);
        const day = (x: Date) =>
          fmt(lang, { year: 'numeric', month: '2-digit', day: '2-digit' }, 'd').format(x);
        const hm = fmt(lang, { hour: '2-digit', minute: '2-digit', hour12: false }, 'hm').format(d);
        if (day(d) === day(new Date())) return hm;
        return `${fmt(lang, { month: '2-digit', day: '2-digit' }, 'md').format(d)} ${hm}`;
      },
      distance(m) {
        const km = m >= 1000;
        const n = km ? (m / 1000).toFixed(m >= 10_000 ? 0 : 1) : String(Math.round(m));
        if (lang === 'en') return `${n} ${km ? 'km' : 'm'}`;
        return `${n} ${km ? '公里' : '米'}`;
      },
    }),
    [lang, setLang],
  );
  return (
    <Ctx.Provider value={value}>
      <ConfigProvider locale={lang === 'en' ? enUS : zhCNLocale}>{children}</ConfigProvider>
    </Ctx.Provider>
  );
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
