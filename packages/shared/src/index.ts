export * from './i18n/problems.ts';
export * from './locale.ts';
export * from './schemas/accounts.schema.ts';
export * from './schemas/auth.schema.ts';
export * from './schemas/meta.schema.ts';
export * from './schemas/mission.schema.ts';
export * from './schemas/problem.schema.ts';
export * from './schemas/staff.schema.ts';
