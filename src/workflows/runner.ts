// workflows/: setup, status, teardown, adoption and the single-resource commands, each a
// composition of the resources' verbs (resources/) run by this one step runner.
//
// This file: the runner. Steps declare what they wait for, as data; every step starts as soon as
// those have finished, so independent branches run at once (the identity pool does not wait for
// the admin user). A failed step fails the steps that wait for it, never starts them; the others
// still finish, so what they did is recorded. Then the first failure is thrown.

export interface Step<T = unknown> {
  /** Keys of the steps this one waits for. */
  after?: readonly string[];
  run(get: <U>(key: string) => U): Promise<T>;
}

export interface RunnerHooks {
  onStart?(key: string): void;
  onDone?(key: string, value: unknown): void;
  onFail?(key: string, error: unknown): void;
  /** A step not started because one it waits for failed. */
  onSkip?(key: string, because: string): void;
}

export class StepSkippedError extends Error {
  constructor(
    readonly key: string,
    readonly because: string,
  ) {
    super(`${key} was not started: ${because} failed`);
  }
}

export async function runSteps(steps: Record<string, Step>, hooks: RunnerHooks = {}): Promise<Map<string, unknown>> {
  for (const [key, step] of Object.entries(steps)) {
    for (const dependency of step.after ?? []) {
      if (!(dependency in steps)) throw new Error(`step ${key} waits for unknown step ${dependency}`);
    }
  }
  const results = new Map<string, unknown>();
  const running = new Map<string, Promise<unknown>>();
  const failures: { key: string; error: unknown; order: number }[] = [];
  let order = 0;
  const get = <U>(key: string): U => {
    if (!results.has(key)) throw new Error(`step result ${key} read before it finished`);
    return results.get(key) as U;
  };

  const start = (key: string, trail: string[] = []): Promise<unknown> => {
    const existing = running.get(key);
    if (existing) return existing;
    if (trail.includes(key)) throw new Error(`steps wait for each other in a circle: ${[...trail, key].join(' → ')}`);
    const step = steps[key];
    const promise = (async () => {
      const waited = await Promise.allSettled((step.after ?? []).map((dependency) => start(dependency, [...trail, key])));
      const failed = waited.findIndex((outcome) => outcome.status === 'rejected');
      if (failed >= 0) {
        const because = step.after![failed];
        hooks.onSkip?.(key, because);
        throw new StepSkippedError(key, because);
      }
      hooks.onStart?.(key);
      try {
        const value = await step.run(get);
        results.set(key, value);
        hooks.onDone?.(key, value);
        return value;
      } catch (error) {
        failures.push({ key, error, order: order++ });
        hooks.onFail?.(key, error);
        throw error;
      }
    })();
    running.set(key, promise);
    return promise;
  };

  await Promise.allSettled(Object.keys(steps).map((key) => start(key)));
  if (failures.length) throw failures.sort((a, b) => a.order - b.order)[0].error;
  return results;
}
