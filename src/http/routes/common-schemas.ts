// Schemas shared by routes: the error body and small reusable pieces.
import { Type } from 'typebox';

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      message_en: Type.String(),
      issues: Type.Array(
        Type.Object({
          field: Type.String(),
          zh: Type.String(),
          en: Type.String(),
          line: Type.Optional(Type.Integer()),
        }),
      ),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'Error' },
);

export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  422: ErrorSchema,
  423: ErrorSchema,
};

export const RegionCodeParam = Type.String({
  pattern: '^[0-9]{12}$',
  description: '12-digit statistical division code',
});
export const Limit = Type.Integer({ minimum: 1, maximum: 500, default: 100 });

/** A string restricted to a list of values: one `enum` (clear error message), typed as the union. */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  opts: { description?: string; default?: T[number] } = {},
) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...opts });
}
