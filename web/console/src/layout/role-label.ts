// A role's name in the user's language (unknown roles shown as they are).
import type { I18n } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { zhCN } from '../i18n/zh-CN.ts';

export function roleLabel(role: string, t: I18n['t']): string {
  const key = `role.${role}`;
  return key in zhCN ? t(key as MessageKey) : role;
}
