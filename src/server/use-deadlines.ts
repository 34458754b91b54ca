/**
 * Each request's deadline: a signal that aborts its upstream calls when the caller goes away or
 * the request timeout passes, and is released as soon as the response is out.
 */
import { setMaxListeners } from 'node:events';
import type { Plugin } from 'graphql-yoga';

/**
 * A signal that aborts when the caller goes away or the request's time is up. Built from a plain
 * controller and timer rather than AbortSignal.any(AbortSignal.timeout(…)): on Node 20 the timeout
 * signal inside `any` can be garbage-collected before it fires, and then nothing ever aborts.
 * `end` clears the timer and the listener once the response is out, so a finished request holds
 * nothing for the rest of its timeout.
 */
export function deadline(callerGone: AbortSignal, ms: number): { signal: AbortSignal; end: () => void } {
  const controller = new AbortController();
  // Every upstream call of the request listens to this one signal; hundreds are legitimate.
  setMaxListeners(2_000, controller.signal);
  const timer = setTimeout(() => controller.abort(new DOMException('The request ran out of time', 'TimeoutError')), ms);
  timer.unref();
  const onGone = () => controller.abort(callerGone.reason);
  if (callerGone.aborted) controller.abort(callerGone.reason);
  else callerGone.addEventListener('abort', onGone, { once: true });
  return {
    signal: controller.signal,
    end: () => {
      clearTimeout(timer);
      callerGone.removeEventListener('abort', onGone);
    },
  };
}

/** Ends each request's deadline when its response is out (see `deadline`). */
export function useDeadlines(ends: WeakMap<Request, () => void>): Plugin {
  return {
    onResponse({ request }) {
      ends.get(request)?.();
      ends.delete(request);
    },
  };
}
