// The three SDK clients, built once per run with the user's region, profile and endpoint, sharing
// one keep-alive agent, logging each call under --verbose (secrets redacted) and mapping errors.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { IAMClient } from '@aws-sdk/client-iam';
import { StandardRetryStrategy } from '@smithy/core/retry';
import { instrument, type InstrumentSettings, type MiddlewareClient, type RunState } from './instrument.js';
import { AwsConfigError, UsageError } from '../errors.js';
import { validateRegion } from '../validate.js';
import { VERSION } from '../version.js';

// The SDK warns about Node 20's support window on first use; that notice is not the user's concern.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface AwsSettings extends InstrumentSettings {
  region?: string;
  profile?: string;
  endpointUrl?: string;
  maxAttempts?: number;
}

export interface AwsClients {
  region: string;
  idp: CognitoIdentityProviderClient;
  identity: CognitoIdentityClient;
  iam: IAMClient;
}

/** Waits are capped so an interactive run never sits silent for the SDK's 20-second maximum. */
const MAX_RETRY_DELAY_MS = 5_000;
const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * The SDK's standard retry strategy (throttling and 5xx, exponential backoff with full jitter, a
 * shared retry budget), tuned: five attempts rather than three, because Cognito's control-plane
 * quotas are a few requests per second and a one-off setup should wait a few seconds rather than
 * fail; each wait capped at 5 s. AWS_MAX_ATTEMPTS is honoured as in the AWS CLI.
 */
export function retryStrategy(maxAttempts: number): StandardRetryStrategy {
  let base = 100;
  return new StandardRetryStrategy({
    maxAttempts,
    backoff: {
      // The strategy sets the base per error: short for transient errors, longer for throttling.
      setDelayBase: (delay: number) => {
        base = delay;
      },
      computeNextBackoffDelay: (retries: number) => Math.floor(Math.random() * Math.min(base * 2 ** retries, MAX_RETRY_DELAY_MS)),
    },
  });
}

export function maxAttemptsFrom(settings: AwsSettings, env: NodeJS.ProcessEnv): number {
  if (settings.maxAttempts !== undefined) return settings.maxAttempts;
  const given = env.AWS_MAX_ATTEMPTS;
  if (given === undefined || given === '') return DEFAULT_MAX_ATTEMPTS;
  const attempts = Number(given);
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 20) {
    throw new UsageError(`invalid AWS_MAX_ATTEMPTS '${given}'`, { hint: 'a whole number from 1 to 20' });
  }
  return attempts;
}

export async function resolveRegion(settings: AwsSettings, env: NodeJS.ProcessEnv): Promise<string> {
  const explicit = settings.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (explicit) return validateRegion(explicit);
  // Fall back to the profile's region, read the SDK's own way (shared config file).
  const probe = new CognitoIdentityProviderClient({ profile: settings.profile });
  try {
    return validateRegion(await probe.config.region());
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new AwsConfigError('no AWS region: pass --region or set AWS_REGION', {
      hint: 'or set a region in the profile (aws configure set region us-east-1)',
    });
  } finally {
    probe.destroy();
  }
}

export async function createAwsClients(settings: AwsSettings, env: NodeJS.ProcessEnv = process.env): Promise<AwsClients> {
  const region = await resolveRegion(settings, env);
  // One keep-alive agent per protocol, shared by the three clients: emulators put them all on one
  // endpoint, and on AWS each service host keeps its own pooled sockets inside the agent.
  const requestHandler = {
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 16 }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 16 }),
    connectionTimeout: 5_000,
    requestTimeout: 30_000,
  };
  const common = {
    region,
    profile: settings.profile,
    endpoint: settings.endpointUrl,
    requestHandler,
    retryStrategy: retryStrategy(maxAttemptsFrom(settings, env)),
    customUserAgent: `mmbatch-auth/${VERSION}`,
  };
  const state: RunState = {};
  const idp = new CognitoIdentityProviderClient(common);
  const identity = new CognitoIdentityClient(common);
  const iam = new IAMClient({ ...common, region: iamSigningRegion(region) });
  instrument(idp as unknown as MiddlewareClient, 'cognito-idp', settings, state);
  instrument(identity as unknown as MiddlewareClient, 'cognito-identity', settings, state);
  instrument(iam as unknown as MiddlewareClient, 'iam', settings, state);
  return { region, idp, identity, iam };
}

/** IAM is a global service signed in us-east-1 (aws-us-gov-west-1 and cn-north-1 in their partitions). */
function iamSigningRegion(region: string): string {
  if (region.startsWith('us-gov-')) return 'us-gov-west-1';
  if (region.startsWith('cn-')) return 'cn-north-1';
  return 'us-east-1';
}
