// The one catalogue of error codes: HTTP status and a message in zh-CN and en for each.
// Every refusal anywhere (API, CLI, import files) is an AppError with one of these codes.
// Add a code by adding one entry here; never throw bare Errors for user-facing failures.

/** One problem with one field of the input: the field's path and the reason in both languages. */
export interface FieldIssue {
  field: string;
  zh: string;
  en: string;
  /** 1-based line (import files) or feature index, when the input has lines. */
  line?: number;
}

export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: 400, zh: '输入有误', en: 'Invalid input' },
  NOT_FOUND: { status: 404, zh: '资源不存在', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Login required' },
  SESSION_EXPIRED: { status: 401, zh: '会话已超时，请重新登录', en: 'Session expired, please log in again' },
  LOGIN_FAILED: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '登录失败次数过多，账号已锁定',
    en: 'Too many failed logins; the account is locked',
  },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'The account is disabled' },
  WEAK_PASSWORD: { status: 400, zh: '密码不符合安全策略', en: 'The password does not meet the policy' },
  FORBIDDEN: { status: 403, zh: '无权执行此操作', en: 'You may not do this' },
  OUT_OF_SCOPE: { status: 403, zh: '超出您的管辖范围', en: 'Outside your area of responsibility' },
  CONFLICT: { status: 409, zh: '数据已存在或已被他人修改', en: 'Already exists or changed by someone else' },
  OUTSIDE_JURISDICTION: {
    status: 422,
    zh: '该位置不在本辖区任何网格内',
    en: 'The location is outside every grid of this jurisdiction',
  },
  GRID_NOT_FOUND: { status: 404, zh: '网格不存在', en: 'No such grid' },
  REGION_NOT_FOUND: { status: 404, zh: '行政区划不存在', en: 'No such region' },
  UNIT_NOT_FOUND: { status: 404, zh: '承办单位不存在', en: 'No such handling unit' },
  CATEGORY_NOT_FOUND: { status: 404, zh: '案件类别不存在', en: 'No such category' },
  USER_NOT_FOUND: { status: 404, zh: '用户不存在', en: 'No such user' },
  IMPORT_REJECTED: {
    status: 422,
    zh: '导入文件有误，未导入任何数据',
    en: 'The import file has errors; nothing was imported',
  },
  CALENDAR_YEAR_INVALID: { status: 422, zh: '工作日历数据有误', en: 'Invalid working-calendar data' },
  CALENDAR_YEAR_NOT_FOUND: {
    status: 404,
    zh: '该年度工作日历不存在',
    en: 'No working calendar for that year',
  },
  CASE_NOT_FOUND: { status: 404, zh: '案件不存在', en: 'No such case' },
  CASE_ACTION_NOT_ALLOWED: {
    status: 409,
    zh: '案件当前状态下不能执行此操作',
    en: 'This action is not allowed in the case’s current state',
  },
  CASE_GUARD_FAILED: {
    status: 409,
    zh: '不满足执行此操作的条件',
    en: 'The conditions for this action are not met',
  },
  PROPOSAL_NOT_FOUND: { status: 404, zh: '议题不存在', en: 'No such proposal' },
  PROPOSAL_NOT_OPEN: {
    status: 409,
    zh: '议题当前不在此阶段（征求意见或投票未开始或已结束）',
    en: 'The proposal is not in this phase (consultation or voting not open)',
  },
  VOTE_NOT_ELIGIBLE: {
    status: 403,
    zh: '该手机号不在本议题的表决名册中',
    en: 'This phone number is not on the proposal’s roll',
  },
  VOTE_ALREADY_CAST: {
    status: 409,
    zh: '已投过票，本议题不允许改票',
    en: 'Already voted; this proposal does not allow changing a vote',
  },
  CODE_INVALID: {
    status: 400,
    zh: '验证码错误或已过期，请重新获取',
    en: 'The code is wrong or has expired; request a new one',
  },
  RATE_LIMITED: {
    status: 429,
    zh: '操作过于频繁，请稍后再试',
    en: 'Too many requests; please try again later',
  },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交内容过大', en: 'Payload too large' },
  SEAL_KEY_INVALID: {
    status: 500,
    zh: '个人信息加密密钥缺失或无效',
    en: 'The personal-data sealing key is missing or invalid',
  },
  SEALED_VALUE_INVALID: {
    status: 500,
    zh: '加密的个人信息无法解密（已损坏或用途不符）',
    en: 'A sealed personal value could not be opened (damaged or wrong purpose)',
  },
  INTERNAL: { status: 500, zh: '系统内部错误，请稍后重试', en: 'Internal error, please try again later' },
  RESIDENT_LOGIN_REQUIRED: {
    status: 401,
    zh: '请先用手机号和短信验证码登录',
    en: 'Log in with your phone number and an SMS code first',
  },
  RESIDENT_SESSION_EXPIRED: {
    status: 401,
    zh: '登录已过期或已退出，请重新用手机号登录；也可以不登录，填写手机号和验证码后提交',
    en: 'Your login has expired or was ended; log in again with your phone, or send with a phone number and SMS code instead',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, opts: { issues?: FieldIssue[]; details?: Record<string, unknown> } = {}) {
    const entry = ERROR_CATALOGUE[code];
    const first = opts.issues?.[0];
    super(first ? `${entry.en}: ${first.field}: ${first.en}` : entry.en);
    this.name = 'AppError';
    this.code = code;
    this.issues = opts.issues ?? [];
    this.details = opts.details;
  }

  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }
}

/** Shorthand for a VALIDATION_FAILED error about one field. */
export function invalid(field: string, zh: string, en: string): AppError {
  return new AppError('VALIDATION_FAILED', { issues: [{ field, zh, en }] });
}

/** Throws NOT_FOUND-family errors in one line: `getX` functions use it. */
export function notFound(code: ErrorCode, details?: Record<string, unknown>): AppError {
  return new AppError(code, details ? { details } : {});
}
