// setup as a graph of read → plan → apply steps. Independent branches run at once: the identity
// pool and its role do not wait for the admin user, nor the admin user for them. Each finished
// step is recorded in the settings file before anything depends on it, so an interrupted run
// resumes where it stopped. With --dry-run the same graph plans and applies nothing.
import type { Context } from '../cli/context.js';
import type { AwsClients } from '../aws/clients.js';
import { AuthError, AwsError, MissingValueError, ServerError } from '../errors.js';
import type { CognitoServerSettings } from '../server/cognitoSettings.js';
import { appClientName, identityPoolName, managedTags, roleName, userPoolName } from '../names.js';
import { DONE, type Change, type Plan, type PlannedAction, type ResourceKind } from '../resources/plan.js';
import { applyUserPool, planUserPool, readUserPool } from '../resources/userPool.js';
import { applyAppClient, planAppClient, readAppClient } from '../resources/appClient.js';
import { applyAdminGroup, planAdminGroup, readAdminGroup } from '../resources/adminGroup.js';
import { applyAdminUser, planAdminUser, readAdminUser } from '../resources/adminUser.js';
import { applyIdentityPool, planIdentityPool, readIdentityPool } from '../resources/identityPool.js';
import { applyRole, planRole, readRole, roleNameFromArn } from '../resources/iamRole.js';
import { applyIdentityPoolRoles, planIdentityPoolRoles, readIdentityPoolRoles } from '../resources/identityPoolRoles.js';
import { applyServerSettings, planServerSettings, proveServerAccess, readServerSettings } from '../resources/serverSettings.js';
import { adminPasswordAuth } from '../auth/flows/admin.js';
import { isFresh, readCachedTokens, writeCachedTokens } from '../auth/store/tokenCache.js';
import type { Tokens } from '../auth/store/tokens.js';
import type { Progress } from '../cli/io/progress.js';
import type { SetupInputs } from './inputs.js';
import { RESOURCE_LABEL } from '../inventory/labels.js';
import { UsageError } from '../errors.js';

export const RESOURCE_ORDER: ResourceKind[] = [
  'userPool',
  'appClient',
  'adminGroup',
  'adminUser',
  'identityPool',
  'iamRole',
  'identityPoolRoles',
  'server',
];


export interface SetupResult {
  region: string;
  userPoolId?: string;
  clientId?: string;
  identityPoolId?: string;
  roleArn?: string;
  adminGroup: string;
  adminUsername: string;
  server: { url: string; enabled: boolean; verified: boolean } | null;
  changes: Change[];
}

/** An ID that does not exist yet in a dry run: downstream steps plan "create" without reading. */
const pending = (kind: ResourceKind) => `(new ${RESOURCE_LABEL[kind]})`;
const isPending = (id: string | undefined) => id === undefined || id.startsWith('(new ');

export async function runSetupGraph(
  ctx: Context,
  aws: AwsClients,
  inputs: SetupInputs,
  progress: Progress,
): Promise<SetupResult> {
  const dryRun = ctx.globals.dryRun;
  const { idp, identity, iam, region } = aws;
  const recorded = ctx.settings.load();
  if (recorded.region && recorded.region !== region && (recorded.userPoolId || recorded.identityPoolId)) {
    throw new UsageError(`the settings file ${ctx.settings.path} records a setup in ${recorded.region}, not ${region}`, {
      hint: 'pass --region to match it, or --config <file> for a separate setup',
    });
  }
  const tags = managedTags(inputs.name);
  const names = {
    userPool: userPoolName(inputs.name),
    appClient: appClientName(inputs.name),
    identityPool: identityPoolName(inputs.name),
    role: inputs.roleArn ? roleNameFromArn(inputs.roleArn) : recorded.roleArn && recorded.roleCreatedByTool ? roleNameFromArn(recorded.roleArn) : roleName(inputs.name),
  };
  const changes: Change[] = [];
  if (!dryRun) ctx.settings.update({ region, name: inputs.name, adminGroup: inputs.adminGroup, adminUsername: inputs.adminEmail, authFlows: inputs.authFlows });

  // Writes to the user pool (sign-ins included: they store a refresh token) go one after another.
  // Cognito would take them at once, but cognito-local, the emulator behind --endpoint-url and our
  // local stack, rewrites one file per pool and concurrent writes corrupt it. Reads, the app client
  // (its own file there) and the other services are not held back.
  let poolWrites: Promise<unknown> = Promise.resolve();
  const inPoolOrder = <T>(write: () => Promise<T>): Promise<T> => {
    const done = poolWrites.then(write);
    poolWrites = done.catch(() => undefined);
    return done;
  };

  // Every read that needs no ID from this run starts at once: what the settings file names, and
  // lookups by name. A re-run is then one round of calls, and a first run starts with one.
  const quiet = <T>(promise: Promise<T>) => {
    promise.catch(() => undefined);
    return promise;
  };
  const early = {
    userPool: quiet(readUserPool(idp, { id: recorded.userPoolId, name: names.userPool })),
    appClient: recorded.userPoolId ? quiet(readAppClient(idp, { userPoolId: recorded.userPoolId, id: recorded.clientId, name: names.appClient })) : undefined,
    adminGroup: recorded.userPoolId ? quiet(readAdminGroup(idp, { userPoolId: recorded.userPoolId, name: inputs.adminGroup })) : undefined,
    adminUser: recorded.userPoolId ? quiet(readAdminUser(idp, { userPoolId: recorded.userPoolId, email: inputs.adminEmail })) : undefined,
    identityPool: quiet(readIdentityPool(identity, { id: recorded.identityPoolId, name: names.identityPool })),
    role: quiet(readRole(iam, { name: names.role, withInlinePolicy: Boolean(inputs.rolePolicy) })),
    identityPoolRoles: recorded.identityPoolId ? quiet(readIdentityPoolRoles(identity, recorded.identityPoolId)) : undefined,
    server: inputs.server ? quiet(readServerSettings(inputs.server)) : undefined,
    // The admin's sign-in to the recorded pool and client: on a re-run, the proof of the password
    // that the admin user's plan needs (used only if the run keeps that pool and that client as
    // they were, and the admin is a confirmed user).
    adminTokens:
      !dryRun && inputs.adminPassword && recorded.userPoolId && recorded.clientId
        ? quiet(inPoolOrder(() => adminPasswordAuth(idp, { userPoolId: recorded.userPoolId!, clientId: recorded.clientId!, username: inputs.adminEmail, password: inputs.adminPassword! }, ctx.now)))
        : undefined,
  };
  const sameAsRecorded = (poolId: string) => poolId === recorded.userPoolId;
  /** What this run did to each resource. One it created is empty: there is nothing to read inside. */
  const done = new Map<ResourceKind, PlannedAction>();
  const createdNow = (kind: ResourceKind) => done.get(kind) === 'create';

  /** Runs one step: show progress, plan, apply unless --dry-run, record the change. */
  async function step<L, D>(
    kind: ResourceKind,
    planned: () => Promise<Plan<L, D>>,
    apply: (plan: Plan<L, D>) => Promise<string>,
  ): Promise<string> {
    progress.start(kind, RESOURCE_LABEL[kind]);
    try {
      const plan = await planned();
      if (dryRun) {
        const id = plan.id ?? pending(kind);
        changes.push({ resource: kind, id: plan.id, action: plan.action, reasons: plan.reasons });
        progress.done(kind, `${RESOURCE_LABEL[kind]} ${plan.id ?? ''} would be ${plan.action === 'create' ? 'created' : plan.action === 'update' ? `updated (${plan.reasons.join('; ')})` : 'left unchanged'}`.replace(/  +/g, ' '));
        return id;
      }
      const id = await apply(plan);
      done.set(kind, plan.action);
      changes.push({ resource: kind, id, action: DONE[plan.action], ...(plan.action === 'update' ? { reasons: plan.reasons } : {}) });
      progress.done(kind, `${RESOURCE_LABEL[kind]} ${id} ${DONE[plan.action]}${plan.action === 'update' ? ` (${plan.reasons.join('; ')})` : ''}`);
      return id;
    } catch (error) {
      progress.done(kind, `${RESOURCE_LABEL[kind]}: failed`, false);
      throw error;
    }
  }

  const userPoolId = await step(
    'userPool',
    async () => planUserPool(await early.userPool, { name: names.userPool, tags, selfSignupDisabled: true }),
    async (plan) => {
      const id = await inPoolOrder(() => applyUserPool(idp, plan));
      ctx.settings.update({ userPoolId: id, ...(plan.action === 'create' ? { created: { userPool: id } } : {}) });
      return id;
    },
  );

  const clientId = step(
    'appClient',
    async () => {
      const live = isPending(userPoolId) || createdNow('userPool')
        ? undefined
        : await (sameAsRecorded(userPoolId) && early.appClient
            ? early.appClient
            : readAppClient(idp, { userPoolId, id: undefined, name: names.appClient }));
      return planAppClient(live, { userPoolId, name: names.appClient, authFlows: inputs.authFlows });
    },
    async (plan) => {
      const id = await applyAppClient(idp, plan);
      ctx.settings.update({ clientId: id, ...(plan.action === 'create' ? { created: { appClient: id } } : {}) });
      return id;
    },
  );

  const adminGroup = step(
    'adminGroup',
    async () => {
      const desired = { userPoolId, name: inputs.adminGroup };
      const live = isPending(userPoolId) || createdNow('userPool')
        ? undefined
        : await (sameAsRecorded(userPoolId) && early.adminGroup ? early.adminGroup : readAdminGroup(idp, desired));
      return planAdminGroup(live, desired);
    },
    async (plan) => {
      const id = await inPoolOrder(() => applyAdminGroup(idp, plan));
      if (plan.action === 'create') ctx.settings.update({ created: { adminGroup: id } });
      return id;
    },
  );

  // The admin's tokens: proof that the new pool signs the admin in, and what the server verifies.
  let adminTokens: Tokens | undefined;
  const cacheKey = (client: string) => ({ region, userPoolId, clientId: client, username: inputs.adminEmail });
  const mint = async (client: string, started?: Promise<Tokens>): Promise<Tokens> => {
    const tokens = await (started ??
      inPoolOrder(() => adminPasswordAuth(idp, { userPoolId, clientId: client, username: inputs.adminEmail, password: inputs.adminPassword! }, ctx.now)));
    writeCachedTokens(ctx.env, cacheKey(client), tokens);
    return tokens;
  };

  // The admin user is read and planned at once; creating it waits for the group it joins, and its
  // sign-in for the client.
  const adminUser = step(
    'adminUser',
    async () => {
      const desired = { userPoolId, email: inputs.adminEmail, group: inputs.adminGroup, password: inputs.adminPassword };
      const live = isPending(userPoolId) || createdNow('userPool')
        ? undefined
        : await (sameAsRecorded(userPoolId) && early.adminUser ? early.adminUser : readAdminUser(idp, desired));
      let passwordVerified: boolean | undefined;
      // A signed-in proof of the password is a read, not a write: a re-run changes nothing.
      if (!dryRun && live && live.status === 'CONFIRMED' && inputs.adminPassword) {
        const client = await clientId;
        // The early sign-in went to the client as it was: good only if this run left it so.
        const started = sameAsRecorded(userPoolId) && client === recorded.clientId && done.get('appClient') === 'unchanged' ? early.adminTokens : undefined;
        try {
          adminTokens = await mint(client, started);
          passwordVerified = true;
        } catch (error) {
          if (!(error instanceof AuthError)) throw error;
          passwordVerified = false;
        }
      }
      return planAdminUser(live, { ...desired, passwordVerified });
    },
    async (plan) => {
      await adminGroup; // the admin joins it
      const id = await inPoolOrder(() => applyAdminUser(idp, plan));
      if (plan.action === 'create') ctx.settings.update({ created: { adminUser: id } });
      const client = await clientId;
      // A token minted while planning predates any repair (e.g. re-adding the admin to the group,
      // which puts cognito:groups in the token): after an update, mint again.
      if (inputs.adminPassword && (!adminTokens || plan.action !== 'unchanged')) adminTokens = await mint(client);
      if (!adminTokens) {
        const cached = readCachedTokens(ctx.env, cacheKey(client));
        if (cached && isFresh(cached, ctx.now())) adminTokens = cached;
      }
      return id;
    },
  );

  const identityPoolId = clientId.then((client) =>
    step(
      'identityPool',
      async () => {
        const live = isPending(client) ? undefined : await early.identityPool;
        return planIdentityPool(live, { name: names.identityPool, region, userPoolId, clientId: client, tags });
      },
      async (plan) => {
        const id = await applyIdentityPool(identity, plan);
        ctx.settings.update({ identityPoolId: id, ...(plan.action === 'create' ? { created: { identityPool: id } } : {}) });
        return id;
      },
    ),
  );

  const roleArn = identityPoolId.then((poolId) =>
    step(
      'iamRole',
      async () => {
        const live = await early.role;
        if (!live && inputs.roleArn) {
          throw new UsageError(`the role ${inputs.roleArn} does not exist`, { hint: 'check --role-arn, or leave it out and setup creates one' });
        }
        return planRole(live, { name: names.role, identityPoolId: poolId, tags, inlinePolicy: inputs.rolePolicy });
      },
      async (plan) => {
        const arn = await applyRole(iam, plan);
        const createdByTool = plan.action === 'create' || (recorded.roleCreatedByTool === true && !inputs.roleArn);
        ctx.settings.update({ roleArn: arn, roleCreatedByTool: createdByTool, ...(plan.action === 'create' ? { created: { iamRole: arn } } : {}) });
        return arn;
      },
    ),
  );

  const identityPoolRoles = Promise.all([identityPoolId, roleArn]).then(([poolId, arn]) =>
    step(
      'identityPoolRoles',
      async () => {
        const live = isPending(poolId) || createdNow('identityPool')
          ? undefined
          : await (poolId === recorded.identityPoolId && early.identityPoolRoles ? early.identityPoolRoles : readIdentityPoolRoles(identity, poolId));
        return planIdentityPoolRoles(live, { identityPoolId: poolId, roleArn: arn });
      },
      (plan) => applyIdentityPoolRoles(identity, plan),
    ),
  );

  /**
   * When the server already uses another pool, changing it needs an admin token from THAT pool:
   * a fresh cached one, else the same admin signing in there (operators often keep one e-mail).
   */
  const currentServerBearer = async (live: CognitoServerSettings): Promise<string | undefined> => {
    if (live.userPoolID === userPoolId) return adminTokens?.accessToken;
    const key = { region: live.region || region, userPoolId: live.userPoolID, clientId: live.clientID, username: inputs.adminEmail };
    const cached = readCachedTokens(ctx.env, key);
    if (cached && isFresh(cached, ctx.now())) return cached.accessToken;
    if (!inputs.adminPassword || (live.region && live.region !== region)) return undefined;
    try {
      const tokens = await adminPasswordAuth(idp, { userPoolId: live.userPoolID, clientId: live.clientID, username: inputs.adminEmail, password: inputs.adminPassword }, ctx.now);
      writeCachedTokens(ctx.env, key, tokens);
      return tokens.accessToken;
    } catch (error) {
      if (error instanceof AuthError || error instanceof AwsError) {
        ctx.log.verbose(`no admin token for the server's current pool ${live.userPoolID}: ${(error as Error).message}`);
        return undefined;
      }
      throw error;
    }
  };

  let serverResult: SetupResult['server'] = null;
  const server = inputs.server
    ? Promise.all([clientId, identityPoolId, adminUser]).then(async ([client, poolId]) => {
        const serverClient = inputs.server!;
        const desired = {
          url: serverClient.url,
          region,
          userPoolID: userPoolId,
          clientID: client,
          identityPoolID: poolId,
          adminGroups: [inputs.adminGroup],
        };
        await step(
          'server',
          async () => planServerSettings(await early.server!, desired),
          async (plan) => {
            if (plan.action !== 'unchanged' && !adminTokens) {
              throw new MissingValueError(
                "the admin's password (the server checks an admin token before it enables Cognito)",
                '--admin-password-stdin',
                'MMBATCH_AUTH_PASSWORD',
                'or, with the e-mailed temporary password, sign in once (`mmbatch-auth login`) and run setup again',
              );
            }
            const currentBearer = plan.live?.enabled ? await currentServerBearer(plan.live) : undefined;
            await applyServerSettings(serverClient, plan, { adminToken: adminTokens!.accessToken, currentBearer });
            ctx.settings.update({ serverUrl: serverClient.url });
            return serverClient.url;
          },
        );
        serverResult = { url: serverClient.url, enabled: !dryRun || (await early.server!).enabled, verified: false };
        if (!dryRun && adminTokens) {
          progress.start('proof', 'authenticated API call');
          const seen = await proveServerAccess(serverClient, adminTokens.accessToken);
          if (!seen.enabled || seen.userPoolID !== userPoolId) {
            throw new ServerError('the server answered, but its configuration does not show the new user pool');
          }
          serverResult.verified = true;
          progress.done('proof', `authenticated GET /api/v1/config as ${inputs.adminEmail}: ok`);
        }
      })
    : Promise.resolve();

  // Let every branch finish (or fail) before reporting, so the settings file is complete.
  const outcomes = await Promise.allSettled([clientId, adminGroup, adminUser, identityPoolId, roleArn, identityPoolRoles, server]);
  const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) throw failure.reason;

  const value = async (p: Promise<string>) => {
    const id = await p;
    return isPending(id) ? undefined : id;
  };
  changes.sort((a, b) => RESOURCE_ORDER.indexOf(a.resource) - RESOURCE_ORDER.indexOf(b.resource));
  return {
    region,
    userPoolId: isPending(userPoolId) ? undefined : userPoolId,
    clientId: await value(clientId),
    identityPoolId: await value(identityPoolId),
    roleArn: await value(roleArn),
    adminGroup: inputs.adminGroup,
    adminUsername: inputs.adminEmail,
    server: serverResult,
    changes,
  };
}
