// Citizen identity numbers (公民身份号码, GB 11643-1999): 6-digit address code, 8-digit birth
// date, 3-digit sequence (odd = male) and an ISO 7064 MOD 11-2 check character (0–9 or X).
// Pure: "today" is passed in, never read from the machine.
import { invalid, type FieldIssue } from '../errors.ts';
import { dayOfInstant, parseLocalDate } from '../calendar/local-date.ts';

/** A checked citizen ID and what it encodes. */
export interface CitizenId {
  /** The 18 characters, check character upper-cased. */
  id: string;
  /** 'YYYY-MM-DD' */
  birthDate: string;
  sex: 'male' | 'female';
  /** 6-digit administrative code of the place of first registration. */
  regionCode: string;
}

/** Province-level codes of GB/T 2260 (plus 71 Taiwan, 81 Hong Kong, 82 Macao, 83 Taiwan residence permits). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83,
]);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
/** No one registered in the registry was born before this year. */
const MIN_BIRTH_YEAR = 1900;

/** The ISO 7064 MOD 11-2 check character ('0'–'9' or 'X') for the first 17 digits. */
export function citizenIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('citizenIdCheckChar needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

type Checked = { ok: CitizenId } | { issue: Omit<FieldIssue, 'field'> };

function check(raw: string, today: Date | undefined): Checked {
  const s = raw.trim().toUpperCase();
  const len = [...s].length;
  if (len === 15 && /^\d{15}$/.test(s)) {
    return {
      issue: {
        zh: '15 位旧身份证号已停止使用，请填写 18 位号码',
        en: 'the old 15-digit ID number is no longer valid; give the 18-character number',
      },
    };
  }
  if (len !== 18) {
    return { issue: { zh: `应为 18 位（当前 ${len} 位）`, en: `must be 18 characters long (got ${len})` } };
  }
  if (!/^\d{17}[\dX]$/.test(s)) {
    return {
      issue: {
        zh: '前 17 位应为数字，最后一位应为数字或 X',
        en: 'the first 17 characters must be digits and the last a digit or X',
      },
    };
  }
  if (!PROVINCES.has(Number(s.slice(0, 2)))) {
    return {
      issue: {
        zh: `地址码的省级代码 ${s.slice(0, 2)} 不存在`,
        en: `province code ${s.slice(0, 2)} of the address code does not exist`,
      },
    };
  }
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  const parsed = parseLocalDate(birthDate);
  if ('error' in parsed || Number(s.slice(6, 10)) < MIN_BIRTH_YEAR) {
    return {
      issue: { zh: `出生日期 ${birthDate} 不存在`, en: `birth date ${birthDate} does not exist` },
    };
  }
  if (today && parsed.day > dayOfInstant(today.getTime())) {
    return {
      issue: { zh: `出生日期 ${birthDate} 晚于今天`, en: `birth date ${birthDate} is in the future` },
    };
  }
  const expected = citizenIdCheckChar(s.slice(0, 17));
  const actual = s.charAt(17);
  if (actual !== expected) {
    return {
      issue: {
        zh: `校验码错误：最后一位应为 ${expected}（当前为 ${actual}），请核对号码`,
        en: `wrong check character: the last character should be ${expected}, not ${actual}; check the number`,
      },
    };
  }
  return {
    ok: {
      id: s,
      birthDate,
      sex: Number(s.charAt(16)) % 2 === 1 ? 'male' : 'female',
      regionCode: s.slice(0, 6),
    },
  };
}

/**
 * Parses and checks an 18-character citizen ID (lower-case x accepted); with `today`, a birth
 * date after today (Asia/Shanghai) is refused. Throws VALIDATION_FAILED naming `field`.
 */
export function parseCitizenId(s: string, field = 'id_number', today?: Date): CitizenId {
  const r = check(s, today);
  if ('issue' in r) throw invalid(field, r.issue.zh, r.issue.en);
  return r.ok;
}

/** True when `s` is a well-formed citizen ID with the right check character. */
export function isValidCitizenId(s: string, today?: Date): boolean {
  return 'ok' in check(s, today);
}
