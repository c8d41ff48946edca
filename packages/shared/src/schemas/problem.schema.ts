import { type Static, Type } from '@sinclair/typebox';

/** One field-level complaint inside a problem: which field, what is wrong, what to do. */
export const FieldErrorSchema = Type.Object({
  field: Type.String({ description: 'JSON pointer-like path of the offending field, e.g. /email' }),
  message: Type.String(),
});

/** RFC 9457 problem details, with Homeward's stable machine-readable `code`. */
export const ProblemSchema = Type.Object({
  type: Type.String({ description: 'URI identifying the problem type' }),
  title: Type.String({ description: 'Short, localized summary (Accept-Language)' }),
  status: Type.Integer(),
  code: Type.String({ description: 'Stable code to branch on; never changes meaning' }),
  detail: Type.Optional(Type.String()),
  instance: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(FieldErrorSchema)),
});
export type Problem = Static<typeof ProblemSchema>;
export type FieldError = Static<typeof FieldErrorSchema>;
