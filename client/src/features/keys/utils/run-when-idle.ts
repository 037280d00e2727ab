type IdleWindow = { requestIdleCallback?: (callback: () => void) => number; cancelIdleCallback?: (handle: number) => void };

/**
 * Runs the tasks one by one, each when the page is idle (a timer where requestIdleCallback is
 * missing), so none of them stands between an input and its paint. Returns a function that cancels
 * the tasks not yet run.
 */
export function runWhenIdle(tasks: ReadonlyArray<() => void>, target: IdleWindow & Pick<Window, 'setTimeout' | 'clearTimeout'> = window): () => void {
  let next = 0;
  let handle: number | null = null;
  const schedule = () => {
    if (next >= tasks.length) return;
    handle = target.requestIdleCallback ? target.requestIdleCallback(run) : target.setTimeout(run, 1);
  };
  const run = () => {
    handle = null;
    tasks[next++]!();
    schedule();
  };
  schedule();
  return () => {
    if (handle === null) return;
    if (target.requestIdleCallback && target.cancelIdleCallback) target.cancelIdleCallback(handle);
    else target.clearTimeout(handle);
    next = tasks.length;
  };
}
