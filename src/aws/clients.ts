// src/aws/: reaching AWS: the run's clients (this file), the one call policy (policy.ts) and SDK
// configuration (sdkConfig.ts), call instrumentation, error mapping (errors.ts).
// The three SDK clients of a run, built once with the user's region, profile and endpoint (the one
// configuration of sdkConfig.ts), sharing one keep-alive agent, logging each call under --verbose
// (secrets redacted) and mapping errors (instrument.ts).
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { IAMClient } from '@aws-sdk/client-iam';
import { instrument, type InstrumentSettings, type MiddlewareClient, type RunState } from './instrument.js';
import { callPolicy } from './policy.js';
import { customUserAgent, requestHandler, sdkClientConfig } from './sdkConfig.js';
import { MissingRegionError, UnknownProfileError, UsageError } from '../errors.js';
import { validateRegion } from '../validate.js';
import { sharedFiles, sharedProfiles } from './sharedFiles.js';

export interface AwsSettings extends InstrumentSettings {
  region?: string;
  profile?: string;
  endpointUrl?: string;
}

export interface CallerIdentity {
  account: string;
  arn: string;
}

export interface AwsClients {
  region: string;
  idp: CognitoIdentityProviderClient;
  identity: CognitoIdentityClient;
  iam: IAMClient;
  /**
   * STS GetCallerIdentity: who the credentials are (setup's preflight and summary). Needs no IAM
   * permission; the STS client is loaded only when asked.
   */
  callerIdentity(): Promise<CallerIdentity>;
  /**
   * Takes back what this run made a moment ago, even after an access denial halted the run's other
   * calls (instrument.ts): undoing is never the change the halt keeps from going on.
   */
  undoing<T>(undo: () => Promise<T>): Promise<T>;
}

/**
 * A profile named (--profile, AWS_PROFILE) must be in one of the shared files: the SDK would
 * otherwise go on to other credentials and say only that none were found, or that no region was.
 */
export function checkProfile(profile: string | undefined, env: NodeJS.ProcessEnv): void {
  if (!profile || sharedProfiles(env).has(profile)) return;
  const files = sharedFiles(env);
  throw new UnknownProfileError(`the AWS profile '${profile}' could not be found`, {
    hint: `it is in neither ${files.config} nor ${files.credentials}; \`aws configure list-profiles\` lists those there are`,
  });
}

export async function resolveRegion(settings: AwsSettings, env: NodeJS.ProcessEnv): Promise<string> {
  checkProfile(settings.profile ?? (env.AWS_PROFILE || undefined), env);
  const explicit = settings.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (explicit) return validateRegion(explicit);
  // Fall back to the profile's region, read the SDK's own way (shared config file); no call is made.
  const probe = new CognitoIdentityProviderClient({ profile: settings.profile, customUserAgent: customUserAgent() });
  try {
    return validateRegion(await probe.config.region());
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // The SDK refuses a profile region that is no host label (it would become the endpoint's host).
    if (error instanceof Error && error.message.startsWith('Region not accepted')) {
      throw new UsageError(`invalid region in the AWS profile '${settings.profile ?? env.AWS_PROFILE ?? 'default'}': ${error.message}`, {
        hint: 'expected something like us-east-1 (aws configure set region us-east-1)',
      });
    }
    throw new MissingRegionError('no AWS region: pass --region or set AWS_REGION', {
      cause: error,
      hint: 'or set a region in the profile (aws configure set region us-east-1)',
    });
  } finally {
    probe.destroy();
  }
}

export async function createAwsClients(settings: AwsSettings, env: NodeJS.ProcessEnv = process.env): Promise<AwsClients> {
  const policy = callPolicy(env);
  const region = await resolveRegion(settings, env);
  // One keep-alive agent per protocol, shared by the three clients: emulators put them all on one
  // endpoint, and on AWS each service host keeps its own pooled sockets inside the agent.
  const handler = requestHandler(policy);
  const target = { region, profile: settings.profile, endpoint: settings.endpointUrl };
  const state: RunState = {};
  const idp = new CognitoIdentityProviderClient(sdkClientConfig(target, policy, handler));
  const identity = new CognitoIdentityClient(sdkClientConfig(target, policy, handler));
  const iam = new IAMClient(sdkClientConfig({ ...target, region: iamSigningRegion(region) }, policy, handler));
  instrument(idp as unknown as MiddlewareClient, 'cognito-idp', settings, state);
  instrument(identity as unknown as MiddlewareClient, 'cognito-identity', settings, state);
  instrument(iam as unknown as MiddlewareClient, 'iam', settings, state);
  let caller: Promise<CallerIdentity> | undefined;
  const callerIdentity = () =>
    (caller ??= (async () => {
      const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
      const sts = new STSClient(sdkClientConfig(target, policy, handler));
      instrument(sts as unknown as MiddlewareClient, 'sts', settings, state);
      // Not destroyed: it shares the run's agents with the other clients.
      const answer = await sts.send(new GetCallerIdentityCommand({}));
      return { account: answer.Account ?? '?', arn: answer.Arn ?? '?' };
    })());
  const undoing = async <T>(undo: () => Promise<T>): Promise<T> => {
    state.undoing = (state.undoing ?? 0) + 1;
    try {
      return await undo();
    } finally {
      state.undoing -= 1;
    }
  };
  return { region, idp, identity, iam, callerIdentity, undoing };
}

/** IAM is a global service signed in us-east-1 (aws-us-gov-west-1 and cn-north-1 in their partitions). */
function iamSigningRegion(region: string): string {
  if (region.startsWith('us-gov-')) return 'us-gov-west-1';
  if (region.startsWith('cn-')) return 'cn-north-1';
  return 'us-east-1';
}
