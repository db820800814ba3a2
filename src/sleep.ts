// One cancellable wait, for the retry loop and the stand-in's delay fault.

/**
 * Resolves after `ms`, or rejects as soon as `signal` aborts (at once if it already has).
 * @param abortReason - what to reject with; by default the signal's own reason
 * @internal
 */
export function sleep(
  ms: number,
  signal: AbortSignal | undefined,
  abortReason: () => unknown = () => signal?.reason,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
