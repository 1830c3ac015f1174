// A client-side limit on how many requests of one kind go out per second, and how many at once:
// Cognito counts requests per category per account (e.g. UserCreation for AdminCreateUser) and
// answers TooManyRequestsException above its quota. Staying under it keeps a batch from spending
// its time in retries; the SDK's retry policy still catches the throttles other clients cause.

export interface RateLimit {
  /** Waits for a slot, then runs `call`. */
  run<T>(call: () => Promise<T>): Promise<T>;
}

export function createRateLimit({ perSecond, concurrency }: { perSecond: number; concurrency: number }): RateLimit {
  const spacingMs = 1000 / perSecond;
  let nextStart = 0;
  let running = 0;
  const waiting: (() => void)[] = [];
  const acquire = async () => {
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    const now = Date.now();
    const at = Math.max(now, nextStart);
    nextStart = at + spacingMs;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  return {
    async run(call) {
      await acquire();
      try {
        return await call();
      } finally {
        release();
      }
    },
  };
}
