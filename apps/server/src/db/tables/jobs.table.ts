export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** The durable job queue: side effects are rows here, written in the transaction that causes them. */
export interface JobsTable {
  id: string;
  kind: string;
  payload: string;
  status: JobStatus;
  priority: number;
  runAt: string;
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
  lockedUntil: string | null;
  lastError: string | null;
  dedupeKey: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}
