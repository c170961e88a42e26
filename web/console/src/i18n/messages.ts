// The two languages, their resources, and `translate` with `{name}` placeholders.
import { en } from './en.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];
export type { MessageKey };

const RESOURCES: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export type Vars = Record<string, string | number>;

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text = RESOURCES[lang][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function isLang(v: unknown): v is Lang {
  return v === 'zh-CN' || v === 'en';
}
