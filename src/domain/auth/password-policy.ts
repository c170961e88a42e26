// Password policy (等保三级 / MLPS 2.0 level 3): at least 8 characters from at least three of
// lower case, upper case, digits and symbols; not the username; not all one character.
import { AppError, type FieldIssue } from '../errors.ts';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

/** Every way the password breaks the policy (empty when it passes). */
export function passwordProblems(password: string, username?: string, field = 'password'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) {
    issues.push({
      field,
      zh: `长度至少 ${MIN_PASSWORD_LENGTH} 位`,
      en: `must be at least ${MIN_PASSWORD_LENGTH} characters`,
    });
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    issues.push({
      field,
      zh: `长度不能超过 ${MAX_PASSWORD_LENGTH} 位`,
      en: `must be at most ${MAX_PASSWORD_LENGTH} characters`,
    });
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) {
    issues.push({
      field,
      zh: '须包含小写字母、大写字母、数字、符号中的至少三类',
      en: 'must mix at least three of: lower case, upper case, digits, symbols',
    });
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    issues.push({ field, zh: '不能包含用户名', en: 'must not contain the username' });
  }
  if (password.length > 0 && new Set(password).size === 1) {
    issues.push({ field, zh: '不能由同一字符重复组成', en: 'must not repeat a single character' });
  }
  return issues;
}

/** Throws WEAK_PASSWORD naming every problem. */
export function assertPasswordPolicy(password: string, username?: string, field = 'password'): void {
  const issues = passwordProblems(password, username, field);
  if (issues.length) throw new AppError('WEAK_PASSWORD', { issues });
}

export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}
export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMinutes: 15 };

/** After a failed attempt: the new failure count and, on reaching the limit, the lock's end. */
export function afterFailedLogin(
  failures: number,
  now: Date,
  policy: LockoutPolicy = DEFAULT_LOCKOUT,
): { failures: number; lockedUntil: Date | null } {
  const n = failures + 1;
  if (n >= policy.maxFailures)
    return { failures: 0, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000) };
  return { failures: n, lockedUntil: null };
}
