/**
 * A seam for the fault-injection tests (tests/build/faults.test.ts) and nothing else: with
 * `PHUNINH_TEST_PAUSE_AT=<stage>` in its environment, the build stops at that named stage, says so on
 * stderr with its pid, and waits there until the test kills it (`kill -9`), so a test can look at what a reader gets
 * at that instant and after the crash. Unset, each call returns at once.
 */
export async function faultPoint(stage: string): Promise<void> {
  if (process.env.PHUNINH_TEST_PAUSE_AT !== stage) return;
  process.stderr.write(`test pause: ${stage} (pid ${process.pid})\n`);
  // A timer keeps the event loop (and so the process) alive until the signal comes.
  await new Promise<never>(() => setInterval(() => undefined, 60_000));
}
