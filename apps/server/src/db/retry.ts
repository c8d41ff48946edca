/**
 * Runs `work` again (up to `attempts` times in all) when PostgreSQL chose it as the victim of a deadlock (40P01).
 * Two lanes of one set-wise job inserting the same key (a subject present twice, a guardian reached through two
 * dependents) can each wait on the other's uncommitted row; `work` must be a whole transaction or a statement that
 * commits on its own, so that the retry starts clean and skips whatever the other lane committed.
 */
export async function retryDeadlocks<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || (error as { code?: unknown } | null)?.code !== '40P01') throw error;
    }
  }
}
