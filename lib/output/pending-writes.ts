/**
 * Writes into the version being built that run beside Eleventy's own, on other threads or after an
 * `await` (kept pages linked, image outputs, the search bundle moved in). Eleventy rejects as soon as
 * one `eleventy.after` listener fails, while the others may still be writing: a failed build waits
 * for every write registered here before it removes the unfinished version, so nothing is written
 * into a folder after its removal (which would leave half a version behind).
 */
const pending = new Set<Promise<unknown>>();

/** Registers `work` (a write into the version being built) and passes it on. */
export function writingIntoVersion<T>(work: Promise<T>): Promise<T> {
  pending.add(work);
  const done = (): void => void pending.delete(work);
  work.then(done, done);
  return work;
}

/** Resolves once every registered write has finished, failed or not. */
export async function settleWrites(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}
