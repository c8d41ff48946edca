import { type Static, Type } from '@sinclair/typebox';
import { CasePrioritySchema } from './case.schema.ts';

// The live stream (`GET /api/v1/live`, Server-Sent Events; decision 0012). Each SSE message is named `case`,
// its `id` is the case event's id (send it back as Last-Event-ID to resume), and its data is this JSON.

/** Something happened on a case the receiver may see; fetch the case or its timeline for the details. */
export const LiveCaseEventSchema = Type.Object({
  caseId: Type.String(),
  eventId: Type.String({ description: 'The case event (UUIDv7); also the SSE id' }),
  kind: Type.String({ description: 'The case event kind: created, status, message, note, attachment, …' }),
  missionCode: Type.String(),
  priority: CasePrioritySchema,
  number: Type.String({ description: 'Readable case number' }),
});
export type LiveCaseEvent = Static<typeof LiveCaseEventSchema>;

/** The SSE event name of case events. */
export const LIVE_CASE_EVENT = 'case';
