import { AbortError } from './errors.js';

/**
 * Resolves with `promise`, or rejects with {@link AbortError} as soon as the
 * caller's signal fires. The promise itself keeps running: it may be a renewal
 * other callers are waiting on, and one caller giving up must not cancel it.
 */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortErrorFrom(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortErrorFrom(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** An {@link AbortError} for a fired signal, keeping its reason as the cause. */
export function abortErrorFrom(signal: AbortSignal): AbortError {
  return new AbortError('The operation was aborted by the caller', { cause: signal.reason });
}

/**
 * Sleeps `ms`; rejects early with AbortError when `signal` fires. The timer is
 * deliberately ref'd: a process waiting for a lock is busy, not idle.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortErrorFrom(signal));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortErrorFrom(signal as AbortSignal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
