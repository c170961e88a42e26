// Names of case states, deadline colours and report channels in the user's language (shared by
// the map and the big screen); unknown values are shown as they are.
import type { I18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { mapZhCN } from '../../i18n/map.zh-CN.ts';

function label(t: I18n['t'], key: string, fallback: string): string {
  return key in mapZhCN ? t(key as MessageKey) : fallback;
}

export const stateLabel = (t: I18n['t'], state: string) => label(t, `map.state.${state}`, state);
export const colourLabel = (t: I18n['t'], colour: string) => label(t, `map.colour.${colour}`, colour);
export const channelLabel = (t: I18n['t'], channel: string) => label(t, `map.channel.${channel}`, channel);
