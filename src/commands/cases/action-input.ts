// The fields an action may carry, read and checked in one place: each refusal names the field.
import { AppError, type FieldIssue } from '../../domain/errors.ts';

export interface ActionInput {
  note?: string | undefined;
  reason?: string | undefined;
  reason_code?: string | undefined;
  result?: string | undefined;
  photos?: string[] | undefined;
  category_code?: string | undefined;
  urgency?: 'normal' | 'urgent' | undefined;
  title?: string | undefined;
  lead_unit_id?: string | undefined;
  co_unit_ids?: string[] | undefined;
  target_case_id?: string | undefined;
  genuine?: boolean | undefined;
  extra?: string | undefined;
  satisfaction?: 'satisfied' | 'basically_satisfied' | 'dissatisfied' | undefined;
}

export const RETURN_REASONS = {
  jurisdiction_mismatch: { zh: '属地不符', en: 'not in our jurisdiction' },
  ownership_unclear: { zh: '权属不清', en: 'ownership unclear' },
  overlapping_duties: { zh: '职能交叉', en: 'overlapping duties' },
  other: { zh: '其他', en: 'other' },
} as const;

export class InputCheck {
  readonly issues: FieldIssue[] = [];
  constructor(private readonly input: ActionInput) {}

  text(field: 'reason' | 'result' | 'note', min = 2): string {
    const v = this.input[field]?.trim() ?? '';
    if (v.length < min)
      this.issues.push({
        field,
        zh: `请填写${LABEL[field]}（至少 ${min} 个字）`,
        en: `is required (at least ${min} characters)`,
      });
    return v;
  }

  photos(min: number): string[] {
    const p = this.input.photos ?? [];
    if (p.length < min)
      this.issues.push({
        field: 'photos',
        zh: `至少需要 ${min} 张现场照片`,
        en: `at least ${min} on-site photo${min > 1 ? 's' : ''} required`,
      });
    return p;
  }

  require<K extends keyof ActionInput>(field: K, zh: string): NonNullable<ActionInput[K]> | undefined {
    const v = this.input[field];
    if (v === undefined || v === null || v === '') {
      this.issues.push({ field, zh, en: 'is required' });
      return undefined;
    }
    return v;
  }

  done(): void {
    if (this.issues.length) throw new AppError('VALIDATION_FAILED', { issues: this.issues });
  }
}

const LABEL = { reason: '原因', result: '处置结果', note: '说明' } as const;
