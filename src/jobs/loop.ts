// Runs a job every `everyMs` in the background, one run at a time, errors logged not thrown;
// returns a stop function. The timer does not keep the process alive.
export function startLoop(
  run: () => Promise<unknown>,
  everyMs: number,
  log: (e: unknown) => void,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    run()
      .catch(log)
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
