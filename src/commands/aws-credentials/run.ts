// `aws-credentials`: what the identity pool and its role are for. The user's ID token (from the
// cache, renewed, or a sign-in: as `token` gets it) goes to Cognito Identity (GetId, then
// GetCredentialsForIdentity: the enhanced flow, so the role and its trust policy decide) for the
// role's temporary credentials, printed as the AWS CLI's credential_process JSON (Version 1, with
// Expiration), kept under the cache folder (0600) until five minutes before they expire. The AWS
// CLI runs it for every command, so the kept credentials make that one file read.
//
//   --export             `export AWS_ACCESS_KEY_ID=...` lines, for `eval` in a shell
//   --print-profile <p>  the ~/.aws/config stanza that makes `aws --profile <p>` run this command
//
// Both Cognito Identity calls are unsigned (the SDK models them as noAuth): a compute node needs no
// AWS credentials of its own, only the user's sign-in.
import { isAbsolute, resolve } from 'node:path';
import type { Context } from '../../cli/context.js';
import { writeLine } from '../../cli/io/streams.js';
import { obtainSession } from '../../auth/session.js';
import { resolveSignInTarget } from '../../auth/target.js';
import { userPoolProviderName } from '../../resources/identityPool.js';
import { credentialsFresh, readAwsCredentials, writeAwsCredentials, type AwsCredentialsKey, type CachedAwsCredentials } from '../../auth/store/awsCredentials.js';
import { AwsError, UsageError } from '../../errors.js';
import { validateIdentityPoolId } from '../../validate.js';
import type { AwsCredentialsOptions } from './spec.js';

export async function run(options: AwsCredentialsOptions, ctx: Context): Promise<void> {
  if (options.export && options.printProfile) throw new UsageError('--export and --print-profile print different things: pass one');
  // --json promises one JSON document and nothing else on stdout: shell lines or an INI stanza
  // would break that promise, and quietly dropping either flag would print what was not asked for.
  if (ctx.globals.json && options.export) throw new UsageError('--export prints shell lines, not JSON: pass --export or --json, not both');
  if (ctx.globals.json && options.printProfile !== undefined) {
    throw new UsageError('--print-profile prints an AWS config profile, not JSON: pass --print-profile or --json, not both');
  }
  if (options.printProfile !== undefined) return printProfile(options, ctx);

  // Which pool, client, user and identity pool: known before any sign-in, so kept credentials need none.
  const target = await resolveSignInTarget(ctx, options, { write: true });
  const identityPoolId = options.identityPoolId ? validateIdentityPoolId(options.identityPoolId) : target.identityPoolId;
  if (!identityPoolId) {
    throw new UsageError('no identity pool: nothing names one for this user pool', {
      hint: 'pass --identity-pool-id, or --name of a setup (its record names it), or --server (the server names it)',
    });
  }
  const key: AwsCredentialsKey = { region: target.region, identityPoolId, userPoolId: target.userPoolId, clientId: target.clientId, username: target.username };
  const kept = options.cache ? readAwsCredentials(ctx.env, key) : undefined;
  let credentials: CachedAwsCredentials;
  if (kept && credentialsFresh(kept, ctx.now())) {
    ctx.log.verbose(`  kept AWS credentials of ${kept.identityId}, valid until ${new Date(kept.expiresAt).toISOString()}`);
    credentials = kept;
  } else {
    // The same pool, client and user, named by flags now so the session does not ask the server again.
    const { tokens } = await obtainSession(ctx, { ...options, server: undefined, userPoolId: target.userPoolId, clientId: target.clientId, username: target.username, cache: true });
    credentials = await exchange(ctx, key, tokens.idToken, kept?.identityId);
    if (options.cache) writeAwsCredentials(ctx.env, credentials);
  }
  ctx.io.out.write(options.export ? exportLines(credentials) : `${JSON.stringify(processDocument(credentials), null, 2)}\n`);
}

/** The ID token for the role's credentials: GetId (skipped when the identity is known), then GetCredentialsForIdentity. */
async function exchange(ctx: Context, key: AwsCredentialsKey, idToken: string, knownIdentity: string | undefined): Promise<CachedAwsCredentials> {
  const { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } = await import('@aws-sdk/client-cognito-identity');
  const { callPolicy } = await import('../../aws/policy.js');
  const { requestHandler, sdkClientConfig } = await import('../../aws/sdkConfig.js');
  const { instrument } = await import('../../aws/instrument.js');
  const policy = callPolicy(ctx.env);
  // The identity pool's own region, whatever AWS_REGION says: a compute node may have none.
  const client = new CognitoIdentityClient(sdkClientConfig({ region: key.region, profile: ctx.globals.profile, endpoint: ctx.globals.endpointUrl }, policy, requestHandler(policy)));
  instrument(client as never, 'cognito-identity', { verbose: ctx.log.verbose, warn: ctx.log.warn });
  const logins = { [userPoolProviderName(key.region, key.userPoolId)]: idToken };
  try {
    const identityId = knownIdentity ?? (await client.send(new GetIdCommand({ IdentityPoolId: key.identityPoolId, Logins: logins }))).IdentityId;
    if (!identityId) throw new AwsError('GetId returned no identity');
    const { Credentials } = await client.send(new GetCredentialsForIdentityCommand({ IdentityId: identityId, Logins: logins }));
    if (!Credentials?.AccessKeyId || !Credentials.SecretKey || !Credentials.SessionToken || !Credentials.Expiration) {
      throw new AwsError('GetCredentialsForIdentity returned no credentials');
    }
    return {
      ...key,
      identityId,
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretKey,
      sessionToken: Credentials.SessionToken,
      expiresAt: Credentials.Expiration.getTime(),
    };
  } finally {
    client.destroy();
  }
}

/** The AWS CLI's credential_process format: Version 1; Expiration, so the CLI asks again in time. */
function processDocument(credentials: CachedAwsCredentials) {
  return {
    Version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    SessionToken: credentials.sessionToken,
    Expiration: new Date(credentials.expiresAt).toISOString(),
  };
}

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

function exportLines(credentials: CachedAwsCredentials): string {
  const variables = {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    // The AWS SDKs read it, so they know when to stop using these.
    AWS_CREDENTIAL_EXPIRATION: new Date(credentials.expiresAt).toISOString(),
    AWS_REGION: credentials.region,
  };
  return Object.entries(variables).map(([name, value]) => `export ${name}=${shellQuote(value)}\n`).join('');
}

/**
 * The ~/.aws/config stanza: this very command (the launcher that is running now, by absolute path)
 * with the flags that chose the setup, so the AWS CLI runs the same thing from any directory.
 */
function printProfile(options: AwsCredentialsOptions, ctx: Context): void {
  const profile = options.printProfile!.trim();
  if (!/^[\w.+=@-]+$/.test(profile)) throw new UsageError(`invalid profile name '${options.printProfile}'`, { hint: 'letters, digits and . _ - + = @' });
  const launcher = process.argv[1] && isAbsolute(resolve(process.argv[1])) ? resolve(process.argv[1]) : 'mmbatch-auth';
  const quote = (part: string) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `"${part.replace(/(["\\])/g, '\\$1')}"`);
  const flags: [string, string | undefined][] = [
    ['--name', options.name],
    ['--server', options.server],
    ['--user-pool-id', options.userPoolId],
    ['--client-id', options.clientId],
    ['--identity-pool-id', options.identityPoolId],
    ['--username', options.username],
    ['--region', ctx.globals.region],
    ['--config', ctx.globals.config],
  ];
  const command = [launcher, 'aws-credentials', ...flags.flatMap(([flag, value]) => (value ? [flag, value] : []))].map(quote).join(' ');
  writeLine(ctx.io.out, `[profile ${profile}]`);
  writeLine(ctx.io.out, `credential_process = ${command}`);
  if (ctx.globals.region) writeLine(ctx.io.out, `region = ${ctx.globals.region}`);
}
