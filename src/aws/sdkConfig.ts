// The one configuration every AWS SDK client of ours is built with (the run's three clients and
// the admin sign-in's): region, profile and endpoint as the user gave them, keep-alive agents,
// the timeouts, the retry policy of policy.ts and our user agent (mmbatch-auth/<version>).
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { StandardRetryStrategy } from '@smithy/core/retry';
import { backoffDelay, userAgentPairs, type CallPolicy } from './policy.js';

export interface SdkTarget {
  region: string;
  profile?: string;
  /** Undefined leaves AWS_ENDPOINT_URL(_<SERVICE>) to the SDK. */
  endpoint?: string;
}

/**
 * The SDK's standard retry strategy (throttling, 5xx and transient network errors; a shared retry
 * budget) with our attempts and our waits: the strategy picks the base per error (100 ms, or
 * 500 ms for throttling), backoffDelay caps each wait.
 */
function retryStrategy(maxAttempts: number): StandardRetryStrategy {
  let base = 100;
  return new StandardRetryStrategy({
    maxAttempts,
    backoff: {
      setDelayBase: (delay: number) => {
        base = delay;
      },
      computeNextBackoffDelay: (retries: number) => backoffDelay(retries, base),
    },
  });
}

/** One keep-alive agent per protocol; clients built with the same handler share their sockets. */
export function requestHandler(policy: CallPolicy, maxSockets = 16) {
  return {
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets }),
    connectionTimeout: policy.connectTimeoutMs,
    requestTimeout: policy.requestTimeoutMs,
  };
}

/** Appended to the SDK's own user agent: `mmbatch-auth/<version> cmd/<command>` (policy.ts). */
export const customUserAgent = (): [string, string][] => userAgentPairs();

export function sdkClientConfig(target: SdkTarget, policy: CallPolicy, handler = requestHandler(policy)) {
  return {
    region: target.region,
    profile: target.profile,
    endpoint: target.endpoint,
    requestHandler: handler,
    retryStrategy: retryStrategy(policy.maxAttempts),
    customUserAgent: customUserAgent(),
  };
}
