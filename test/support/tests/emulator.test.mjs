// The Cognito Identity + IAM emulator, driven through the real AWS SDK v3 clients, so what
// passes here is what the SDK will parse from the emulator in the integration tests.
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DeleteIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  GetIdentityPoolRolesCommand,
  InvalidParameterException,
  ListIdentityPoolsCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  SetIdentityPoolRolesCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateIdentityPoolCommand,
} from '@aws-sdk/client-cognito-identity';
import {
  CreateRoleCommand,
  DeleteConflictException,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  EntityAlreadyExistsException,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  InvalidInputException,
  LimitExceededException,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  ListRolesCommand,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { createIdentityAndIamEmulator, startEmulatorServer } from '../emulator/index.mjs';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const USER_POOL_PROVIDER = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123';

/** @type {Awaited<ReturnType<typeof startEmulatorServer>>} */
let server;
/** @type {CognitoIdentityClient} */
let identity;
/** @type {IAMClient} */
let iam;
let counter = 0;
const unique = (/** @type {string} */ base) => `${base}${++counter}`;

/** @param {string} region */
function clientConfig(region) {
  return {
    region,
    endpoint: server.endpoint,
    credentials: { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'emulator-secret' },
    maxAttempts: 1,
  };
}

beforeAll(async () => {
  server = await startEmulatorServer();
  identity = new CognitoIdentityClient(clientConfig(REGION));
  iam = new IAMClient(clientConfig(REGION));
});

afterAll(async () => {
  identity.destroy();
  iam.destroy();
  await server.stop();
});

/**
 * The error a promise rejects with (fails the test if it resolves).
 * @param {Promise<unknown>} promise
 * @returns {Promise<any>}
 */
async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

const trustPolicy = (/** @type {string} */ poolId = 'us-east-1:00000000-0000-0000-0000-000000000000') =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': poolId },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        },
      },
    ],
  });

const permissionsPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['execute-api:Invoke'], Resource: '*' }],
});

/** @param {Partial<import('@aws-sdk/client-cognito-identity').CreateIdentityPoolCommandInput>} [overrides] */
async function createPool(overrides = {}) {
  return identity.send(
    new CreateIdentityPoolCommand({
      IdentityPoolName: overrides.IdentityPoolName ?? unique('mmbatch_pool'),
      AllowUnauthenticatedIdentities: false,
      ...overrides,
    }),
  );
}

/** @param {Partial<import('@aws-sdk/client-iam').CreateRoleCommandInput>} [overrides] */
async function createRole(overrides = {}) {
  return iam.send(
    new CreateRoleCommand({ RoleName: overrides.RoleName ?? unique('mmbatch-role-'), AssumeRolePolicyDocument: trustPolicy(), ...overrides }),
  );
}

describe('Cognito Identity: identity pools', () => {
  test('CreateIdentityPool answers the whole pool, and DescribeIdentityPool the same', async () => {
    const created = await createPool({
      IdentityPoolName: 'mmbatch-identity pool.1',
      AllowClassicFlow: true,
      CognitoIdentityProviders: [{ ProviderName: USER_POOL_PROVIDER, ClientId: 'abc123def456', ServerSideTokenCheck: true }],
      IdentityPoolTags: { app: 'mmbatch' },
    });

    expect(created.IdentityPoolId).toMatch(/^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(created).toMatchObject({
      IdentityPoolName: 'mmbatch-identity pool.1',
      AllowUnauthenticatedIdentities: false,
      AllowClassicFlow: true,
      CognitoIdentityProviders: [{ ProviderName: USER_POOL_PROVIDER, ClientId: 'abc123def456', ServerSideTokenCheck: true }],
      IdentityPoolTags: { app: 'mmbatch' },
    });
    const described = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: created.IdentityPoolId }));
    const { $metadata: _c, ...createdBody } = created;
    const { $metadata: _d, ...describedBody } = described;
    expect(describedBody).toEqual(createdBody);
    expect(server.emulator.state.cognitoIdentity.pools.get(created.IdentityPoolId ?? '')).toMatchObject({ region: REGION });
  });

  test('names follow the reference pattern [\\w\\s+=,.@-]+ of 1 to 128 characters', async () => {
    await expect(createPool({ IdentityPoolName: 'with-hyphen, plus+equals=at@dot.' })).resolves.toBeDefined();

    const badCharacter = await rejection(createPool({ IdentityPoolName: 'pool#1' }));
    expect(badCharacter.name).toBe('ValidationException');
    expect(badCharacter.$metadata.httpStatusCode).toBe(400);
    expect(badCharacter.message).toBe(
      "1 validation error detected: Value 'pool#1' at 'identityPoolName' failed to satisfy constraint: " +
        'Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+',
    );
    const tooLong = await rejection(createPool({ IdentityPoolName: 'x'.repeat(129) }));
    expect(tooLong.message).toMatch(/Member must have length less than or equal to 128/);
  });

  test('AllowUnauthenticatedIdentities is required', async () => {
    const error = await rejection(
      identity.send(new CreateIdentityPoolCommand(/** @type {any} */ ({ IdentityPoolName: 'no_flag' }))),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(/at 'allowUnauthenticatedIdentities' failed to satisfy constraint: Member must not be null/);
  });

  test('a provider that is not a user pool is an InvalidParameterException', async () => {
    const error = await rejection(
      createPool({ CognitoIdentityProviders: [{ ProviderName: 'cognito-idp.us-east-1.amazonaws.com/eu-west-1_Abc', ClientId: 'abc' }] }),
    );
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  test('an unknown pool is a ResourceNotFoundException; a malformed ID a ValidationException', async () => {
    const unknownId = 'us-east-1:11111111-2222-3333-4444-555555555555';
    const notFound = await rejection(identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: unknownId })));
    expect(notFound).toBeInstanceOf(ResourceNotFoundException);
    expect(notFound.message).toBe(`IdentityPool '${unknownId}' not found.`);

    const malformed = await rejection(identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: 'us-east-1_userpool' })));
    expect(malformed.name).toBe('ValidationException');
  });

  test('UpdateIdentityPool replaces the definition: settings left out go back to their defaults', async () => {
    const pool = await createPool({
      AllowClassicFlow: true,
      SupportedLoginProviders: { 'accounts.google.com': 'google-app-id' },
      CognitoIdentityProviders: [{ ProviderName: USER_POOL_PROVIDER, ClientId: 'client1' }],
      IdentityPoolTags: { keep: 'me' },
    });

    const updated = await identity.send(
      new UpdateIdentityPoolCommand({ IdentityPoolId: pool.IdentityPoolId, IdentityPoolName: 'renamed', AllowUnauthenticatedIdentities: false }),
    );

    expect(updated.IdentityPoolName).toBe('renamed');
    expect(updated.AllowClassicFlow).toBe(false);
    expect(updated.SupportedLoginProviders).toBeUndefined();
    expect(updated.CognitoIdentityProviders).toBeUndefined();
    const described = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: pool.IdentityPoolId }));
    expect(described).toMatchObject({ IdentityPoolName: 'renamed', AllowClassicFlow: false, IdentityPoolTags: { keep: 'me' } });
    expect(described.CognitoIdentityProviders).toBeUndefined();

    const missing = await rejection(
      identity.send(
        new UpdateIdentityPoolCommand({
          IdentityPoolId: 'us-east-1:99999999-2222-3333-4444-555555555555',
          IdentityPoolName: 'x',
          AllowUnauthenticatedIdentities: false,
        }),
      ),
    );
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
  });

  test('DeleteIdentityPool removes the pool', async () => {
    const pool = await createPool();
    await identity.send(new DeleteIdentityPoolCommand({ IdentityPoolId: pool.IdentityPoolId }));

    expect(await rejection(identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: pool.IdentityPoolId })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
    expect(await rejection(identity.send(new DeleteIdentityPoolCommand({ IdentityPoolId: pool.IdentityPoolId })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  test('ListIdentityPools pages with MaxResults and NextToken, per region', async () => {
    const europe = new CognitoIdentityClient(clientConfig('eu-west-1'));
    try {
      const names = ['eu_a', 'eu_b', 'eu_c'];
      for (const name of names) {
        await europe.send(new CreateIdentityPoolCommand({ IdentityPoolName: name, AllowUnauthenticatedIdentities: false }));
      }

      const first = await europe.send(new ListIdentityPoolsCommand({ MaxResults: 2 }));
      expect(first.IdentityPools?.map((p) => p.IdentityPoolName)).toEqual(['eu_a', 'eu_b']);
      expect(first.IdentityPools?.[0].IdentityPoolId).toMatch(/^eu-west-1:/);
      expect(first.NextToken).toEqual(expect.any(String));
      const second = await europe.send(new ListIdentityPoolsCommand({ MaxResults: 2, NextToken: first.NextToken }));
      expect(second.IdentityPools?.map((p) => p.IdentityPoolName)).toEqual(['eu_c']);
      expect(second.NextToken).toBeUndefined();

      // us-east-1 pools exist, but not in eu-west-1.
      const usPool = await createPool();
      expect(await rejection(europe.send(new DescribeIdentityPoolCommand({ IdentityPoolId: usPool.IdentityPoolId })))).toBeInstanceOf(
        ResourceNotFoundException,
      );

      for (const MaxResults of [0, 61]) {
        const error = await rejection(europe.send(new ListIdentityPoolsCommand({ MaxResults })));
        expect(error.name).toBe('ValidationException');
      }
    } finally {
      europe.destroy();
    }
  });
});

describe('Cognito Identity: roles and tags', () => {
  test('SetIdentityPoolRoles and GetIdentityPoolRoles', async () => {
    const pool = await createPool();
    const roleArn = (await createRole({ Path: '/mmbatch/', AssumeRolePolicyDocument: trustPolicy(pool.IdentityPoolId) })).Role?.Arn ?? '';
    await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: pool.IdentityPoolId, Roles: { authenticated: roleArn } }));

    const roles = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: pool.IdentityPoolId }));
    expect(roles.IdentityPoolId).toBe(pool.IdentityPoolId);
    expect(roles.Roles).toEqual({ authenticated: roleArn });
    expect(roles.RoleMappings).toBeUndefined();
  });

  test('role ARNs must be IAM role ARNs, and role keys (un)authenticated', async () => {
    const pool = await createPool();
    const notARole = await rejection(
      identity.send(
        new SetIdentityPoolRolesCommand({ IdentityPoolId: pool.IdentityPoolId, Roles: { authenticated: 'arn:aws:s3:::mmbatch-bucket' } }),
      ),
    );
    expect(notARole).toBeInstanceOf(InvalidParameterException);

    const badKey = await rejection(
      identity.send(
        new SetIdentityPoolRolesCommand({ IdentityPoolId: pool.IdentityPoolId, Roles: { admin: `arn:aws:iam::${ACCOUNT}:role/x` } }),
      ),
    );
    expect(badKey.name).toBe('ValidationException');

    const unknownPool = await rejection(
      identity.send(
        new SetIdentityPoolRolesCommand({
          IdentityPoolId: 'us-east-1:11111111-2222-3333-4444-555555555555',
          Roles: { authenticated: `arn:aws:iam::${ACCOUNT}:role/x` },
        }),
      ),
    );
    expect(unknownPool).toBeInstanceOf(ResourceNotFoundException);
  });

  test('TagResource, UntagResource and ListTagsForResource by pool ARN', async () => {
    const pool = await createPool({ IdentityPoolTags: { a: '1' } });
    const ResourceArn = `arn:aws:cognito-identity:${REGION}:${ACCOUNT}:identitypool/${pool.IdentityPoolId}`;

    await identity.send(new TagResourceCommand({ ResourceArn, Tags: { b: '2', c: '3' } }));
    await identity.send(new UntagResourceCommand({ ResourceArn, TagKeys: ['a'] }));
    const { Tags } = await identity.send(new ListTagsForResourceCommand({ ResourceArn }));
    expect(Tags).toEqual({ b: '2', c: '3' });

    const gone = `arn:aws:cognito-identity:${REGION}:${ACCOUNT}:identitypool/us-east-1:11111111-2222-3333-4444-555555555555`;
    expect(await rejection(identity.send(new ListTagsForResourceCommand({ ResourceArn: gone })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
    expect(
      await rejection(identity.send(new ListTagsForResourceCommand({ ResourceArn: 'arn:aws:iam::000000000000:role/whatever' }))),
    ).toBeInstanceOf(InvalidParameterException);
  });
});

describe('IAM: roles', () => {
  test('CreateRole answers the role: ARN with its path, AROA role ID, a parsed date, the trust policy URL-encoded', async () => {
    const policy = trustPolicy();
    const { Role } = await createRole({
      RoleName: 'mmbatch-authenticated',
      Path: '/mmbatch/',
      AssumeRolePolicyDocument: policy,
      Description: 'MMBatch users <signed in> & authorised',
      Tags: [{ Key: 'app', Value: 'mmbatch' }],
    });

    expect(Role?.Arn).toBe(`arn:aws:iam::${ACCOUNT}:role/mmbatch/mmbatch-authenticated`);
    expect(Role?.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(Role?.CreateDate).toBeInstanceOf(Date);
    expect(Math.abs(Date.now() - (Role?.CreateDate?.getTime() ?? 0))).toBeLessThan(60_000);
    expect(Role?.Path).toBe('/mmbatch/');
    expect(Role?.Description).toBe('MMBatch users <signed in> & authorised');
    expect(Role?.Tags).toEqual([{ Key: 'app', Value: 'mmbatch' }]);
    // IAM hands policy documents back percent-encoded; callers must decode them.
    expect(Role?.AssumeRolePolicyDocument).not.toBe(policy);
    expect(Role?.AssumeRolePolicyDocument).toMatch(/^%7B%22Version%22%3A/);
    expect(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? '')).toBe(policy);
  });

  test('GetRole answers Role.Arn, the encoded trust policy, defaults and tags', async () => {
    const name = unique('get-role-');
    await createRole({ RoleName: name, MaxSessionDuration: 7200, Tags: [{ Key: 'k', Value: 'v' }] });

    const { Role } = await iam.send(new GetRoleCommand({ RoleName: name }));
    expect(Role).toMatchObject({
      RoleName: name,
      Path: '/',
      Arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
      MaxSessionDuration: 7200,
      Tags: [{ Key: 'k', Value: 'v' }],
    });
    expect(Role?.CreateDate).toBeInstanceOf(Date);
    expect(JSON.parse(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? ''))).toEqual(JSON.parse(trustPolicy()));

    const missing = await rejection(iam.send(new GetRoleCommand({ RoleName: 'no-such-role' })));
    expect(missing).toBeInstanceOf(NoSuchEntityException);
    expect(missing.$metadata.httpStatusCode).toBe(404);
    expect(missing.message).toBe('The role with name no-such-role cannot be found.');
  });

  test('role names are unique regardless of case: EntityAlreadyExists', async () => {
    const name = unique('Dup-Role-');
    await createRole({ RoleName: name });

    const error = await rejection(createRole({ RoleName: name.toLowerCase() }));
    expect(error).toBeInstanceOf(EntityAlreadyExistsException);
    expect(error.$metadata.httpStatusCode).toBe(409);
  });

  test('RoleName, Path and MaxSessionDuration are checked against their constraints: ValidationError', async () => {
    const badName = await rejection(createRole({ RoleName: 'mmbatch role!' }));
    expect(badName.name).toBe('ValidationError');
    expect(badName.$metadata.httpStatusCode).toBe(400);
    expect(badName.message).toBe(
      "1 validation error detected: Value 'mmbatch role!' at 'roleName' failed to satisfy constraint: " +
        'Member must satisfy regular expression pattern: [\\w+=,.@-]+',
    );

    const several = await rejection(createRole({ RoleName: 'r'.repeat(65), Path: 'no-slashes', MaxSessionDuration: 60 }));
    expect(several.message).toMatch(/^3 validation errors detected: /);
  });

  test('trust policies that are not valid JSON policies: MalformedPolicyDocument', async () => {
    const notJson = await rejection(createRole({ AssumeRolePolicyDocument: '{"Version": "2012-10-17", ' }));
    expect(notJson).toBeInstanceOf(MalformedPolicyDocumentException);
    expect(notJson.$metadata.httpStatusCode).toBe(400);
    expect(notJson.message).toBe('This policy contains invalid Json');

    const withResource = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: '*' }],
    });
    expect((await rejection(createRole({ AssumeRolePolicyDocument: withResource }))).message).toBe('Has prohibited field Resource');

    const noPrincipal = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] });
    expect(await rejection(createRole({ AssumeRolePolicyDocument: noPrincipal }))).toBeInstanceOf(MalformedPolicyDocumentException);
  });

  test('UpdateAssumeRolePolicy replaces the trust policy', async () => {
    const name = unique('trust-');
    await createRole({ RoleName: name });
    const newPolicy = trustPolicy('us-east-1:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee');

    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: newPolicy }));

    const { Role } = await iam.send(new GetRoleCommand({ RoleName: name }));
    expect(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? '')).toBe(newPolicy);
    expect(await rejection(iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: 'nope' })))).toBeInstanceOf(
      MalformedPolicyDocumentException,
    );
    expect(await rejection(iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'ghost', PolicyDocument: newPolicy })))).toBeInstanceOf(
      NoSuchEntityException,
    );
  });

  test('ListRoles filters by PathPrefix and pages with Marker and MaxItems', async () => {
    const path = `/${unique('listing')}/`;
    const names = ['list-c', 'list-a', 'list-b'].map((name) => `${name}-${path.slice(1, -1)}`);
    for (const name of names) await createRole({ RoleName: name, Path: path });

    const first = await iam.send(new ListRolesCommand({ PathPrefix: path, MaxItems: 2 }));
    expect(first.Roles?.map((role) => role.RoleName)).toEqual([names[1], names[2]]);
    expect(first.Roles?.[0].CreateDate).toBeInstanceOf(Date);
    expect(first.Roles?.[0].Tags).toBeUndefined();
    expect(first.IsTruncated).toBe(true);
    const second = await iam.send(new ListRolesCommand({ PathPrefix: path, MaxItems: 2, Marker: first.Marker }));
    expect(second.Roles?.map((role) => role.RoleName)).toEqual([names[0]]);
    expect(second.IsTruncated).toBe(false);
    expect(second.Marker).toBeUndefined();
  });
});

describe('IAM: inline policies and tags', () => {
  test('PutRolePolicy, GetRolePolicy (URL-encoded), ListRolePolicies, DeleteRolePolicy; DeleteRole conflicts meanwhile', async () => {
    const name = unique('inline-');
    await createRole({ RoleName: name });
    await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'invoke-api', PolicyDocument: permissionsPolicy }));

    const got = await iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: 'invoke-api' }));
    expect(got.RoleName).toBe(name);
    expect(got.PolicyName).toBe('invoke-api');
    expect(got.PolicyDocument).toMatch(/^%7B/);
    expect(decodeURIComponent(got.PolicyDocument ?? '')).toBe(permissionsPolicy);
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: name }))).PolicyNames).toEqual(['invoke-api']);

    const conflict = await rejection(iam.send(new DeleteRoleCommand({ RoleName: name })));
    expect(conflict).toBeInstanceOf(DeleteConflictException);
    expect(conflict.$metadata.httpStatusCode).toBe(409);

    await iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: 'invoke-api' }));
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: name }))).PolicyNames).toEqual([]);
    expect(await rejection(iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: 'invoke-api' })))).toBeInstanceOf(
      NoSuchEntityException,
    );
    await iam.send(new DeleteRoleCommand({ RoleName: name }));
    expect(await rejection(iam.send(new GetRoleCommand({ RoleName: name })))).toBeInstanceOf(NoSuchEntityException);
    expect(server.emulator.state.iam.roles.has(name.toLowerCase())).toBe(false);
  });

  test('inline policies name resources and no principal; their total size is capped', async () => {
    const name = unique('inline-bad-');
    await createRole({ RoleName: name });
    const withPrincipal = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }],
    });
    const put = (/** @type {string} */ PolicyDocument, PolicyName = 'p') =>
      iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName, PolicyDocument }));

    expect((await rejection(put(withPrincipal))).message).toBe('Policy document should not specify a principal.');
    const huge = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: Array.from({ length: 500 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`) }],
    });
    expect(await rejection(put(huge))).toBeInstanceOf(LimitExceededException);
    expect(await rejection(iam.send(new PutRolePolicyCommand({ RoleName: 'ghost', PolicyName: 'p', PolicyDocument: permissionsPolicy })))).toBeInstanceOf(
      NoSuchEntityException,
    );
  });

  test('TagRole, ListRoleTags, UntagRole; tag keys ignore case', async () => {
    const name = unique('tags-');
    await createRole({ RoleName: name, Tags: [{ Key: 'Owner', Value: 'ops' }] });

    await iam.send(new TagRoleCommand({ RoleName: name, Tags: [{ Key: 'owner', Value: 'platform' }, { Key: 'env', Value: 'test' }] }));
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: name }))).Tags).toEqual([
      { Key: 'owner', Value: 'platform' },
      { Key: 'env', Value: 'test' },
    ]);
    await iam.send(new UntagRoleCommand({ RoleName: name, TagKeys: ['ENV'] }));
    const listed = await iam.send(new ListRoleTagsCommand({ RoleName: name }));
    expect(listed.Tags).toEqual([{ Key: 'owner', Value: 'platform' }]);
    expect(listed.IsTruncated).toBe(false);

    const duplicate = await rejection(
      iam.send(new TagRoleCommand({ RoleName: name, Tags: [{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }] })),
    );
    expect(duplicate).toBeInstanceOf(InvalidInputException);
  });

  test('ListAttachedRolePolicies is empty for a role, NoSuchEntity for no role', async () => {
    const name = unique('attached-');
    await createRole({ RoleName: name });

    const listed = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }));
    expect(listed.AttachedPolicies).toEqual([]);
    expect(listed.IsTruncated).toBe(false);
    expect(await rejection(iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'ghost' })))).toBeInstanceOf(NoSuchEntityException);
  });
});

describe('wire format of the handlers the gateway calls', () => {
  const ctx = { region: REGION, accountId: ACCOUNT };

  test('Cognito Identity errors: status, x-amzn-ErrorType and {"__type","message"}', async () => {
    const emulator = createIdentityAndIamEmulator();

    const notFound = await emulator.handleCognitoIdentity(
      'DescribeIdentityPool',
      { IdentityPoolId: 'us-east-1:11111111-2222-3333-4444-555555555555' },
      ctx,
    );
    expect(notFound.status).toBe(400);
    expect(notFound.headers['Content-Type']).toBe('application/x-amz-json-1.1');
    expect(notFound.headers['x-amzn-ErrorType']).toBe('ResourceNotFoundException');
    expect(JSON.parse(notFound.body)).toEqual({
      __type: 'ResourceNotFoundException',
      message: "IdentityPool 'us-east-1:11111111-2222-3333-4444-555555555555' not found.",
    });

    const unknown = await emulator.handleCognitoIdentity('GetOpenIdToken', {}, ctx);
    expect(JSON.parse(unknown.body).__type).toBe('UnknownOperationException');
    const mistyped = await emulator.handleCognitoIdentity('CreateIdentityPool', { IdentityPoolName: 'p', AllowUnauthenticatedIdentities: 'no' }, ctx);
    expect(JSON.parse(mistyped.body).__type).toBe('SerializationException');
  });

  test('IAM answers XML envelopes; errors as ErrorResponse with Type, Code and the HTTP status', async () => {
    const emulator = createIdentityAndIamEmulator();

    const created = await emulator.handleIam(
      'CreateRole',
      { Action: 'CreateRole', Version: '2010-05-08', RoleName: 'wire', AssumeRolePolicyDocument: trustPolicy(), 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': 'v' },
      ctx,
    );
    expect(created.status).toBe(200);
    expect(created.headers['Content-Type']).toBe('text/xml');
    expect(created.body).toContain('<CreateRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><CreateRoleResult><Role>');
    expect(created.body).toContain('<Tags><member><Key>k</Key><Value>v</Value></member></Tags>');
    expect(created.body).toMatch(/<ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/CreateRoleResponse>/);
    expect(emulator.state.iam.roles.get('wire')?.tags).toEqual([{ Key: 'k', Value: 'v' }]);

    const deleted = await emulator.handleIam('DeleteRole', { Action: 'DeleteRole', Version: '2010-05-08', RoleName: 'wire' }, ctx);
    expect(deleted.body).not.toContain('DeleteRoleResult');

    const missing = await emulator.handleIam('GetRole', { Action: 'GetRole', Version: '2010-05-08', RoleName: 'wire' }, ctx);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatch(
      /<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type><Code>NoSuchEntity<\/Code><Message>The role with name wire cannot be found\.<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>/,
    );

    const unknown = await emulator.handleIam('CreateUser', { Action: 'CreateUser', Version: '2010-05-08' }, ctx);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('<Code>InvalidAction</Code>');
  });
});
