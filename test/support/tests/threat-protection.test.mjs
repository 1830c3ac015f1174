// Threat protection (the Plus feature plan): UserPoolTier and UserPoolAddOns.AdvancedSecurityMode on the pool, and
// the risk configuration, stored and echoed.
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeRiskConfigurationCommand,
  DescribeUserPoolCommand,
  SetRiskConfigurationCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { useStack } from './helpers/use-stack.mjs';

const world = useStack();
/** @type {typeof world.stack} */
let stack;
/** @type {typeof world.idp} */
let idp;
beforeAll(() => ({ stack, idp } = world));

const RISK = {
  CompromisedCredentialsRiskConfiguration: { EventFilter: ['SIGN_IN', 'PASSWORD_CHANGE'], Actions: { EventAction: 'BLOCK' } },
  AccountTakeoverRiskConfiguration: {
    Actions: {
      LowAction: { Notify: false, EventAction: 'NO_ACTION' },
      MediumAction: { Notify: false, EventAction: 'MFA_IF_CONFIGURED' },
      HighAction: { Notify: false, EventAction: 'BLOCK' },
    },
  },
};

/** @param {string} UserPoolId */
const poolOf = async (UserPoolId) => (await idp.send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool;

test('a new pool is on ESSENTIALS with threat protection OFF; AUDIT or ENFORCED needs PLUS', async () => {
  const plain = (await idp.send(new CreateUserPoolCommand({ PoolName: 'plain' }))).UserPool;
  expect(plain).toMatchObject({ UserPoolTier: 'ESSENTIALS', UserPoolAddOns: { AdvancedSecurityMode: 'OFF' } });
  for (const [UserPoolTier, AdvancedSecurityMode] of [[undefined, 'ENFORCED'], ['ESSENTIALS', 'AUDIT'], ['LITE', 'ENFORCED']]) {
    await expect(idp.send(new CreateUserPoolCommand({ PoolName: 'x', UserPoolTier, UserPoolAddOns: { AdvancedSecurityMode } }))).rejects.toMatchObject({
      name: 'FeatureUnavailableInTierException',
    });
  }
  const plus = (await idp.send(new CreateUserPoolCommand({ PoolName: 'plus', UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } }))).UserPool;
  expect(plus).toMatchObject({ UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } });
  expect(await poolOf(plus?.Id ?? '')).toMatchObject({ UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } });
  await expect(idp.send(new CreateUserPoolCommand({ PoolName: 'x', UserPoolTier: /** @type {any} */ ('GOLD') }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
});

test('UpdateUserPool: the plan and the mode as given; left out, ESSENTIALS and OFF (so keeping ENFORCED needs PLUS again)', async () => {
  const id = (await idp.send(new CreateUserPoolCommand({ PoolName: 'upgrade' }))).UserPool?.Id ?? '';
  await idp.send(new UpdateUserPoolCommand({ UserPoolId: id, UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } }));
  expect(await poolOf(id)).toMatchObject({ UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } });
  await expect(idp.send(new UpdateUserPoolCommand({ UserPoolId: id, UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } }))).rejects.toMatchObject({
    name: 'FeatureUnavailableInTierException',
  });
  expect((await poolOf(id))?.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'AUDIT' }); // a refused update changes nothing
  await idp.send(new UpdateUserPoolCommand({ UserPoolId: id }));
  expect(await poolOf(id)).toMatchObject({ UserPoolTier: 'ESSENTIALS', UserPoolAddOns: { AdvancedSecurityMode: 'OFF' } });
});

test('SetRiskConfiguration needs threat protection on; then the pool\'s and a client\'s configurations are stored and echoed', async () => {
  const off = (await idp.send(new CreateUserPoolCommand({ PoolName: 'off' }))).UserPool?.Id;
  await expect(idp.send(new SetRiskConfigurationCommand({ UserPoolId: off, ...RISK }))).rejects.toMatchObject({ name: 'UserPoolAddOnNotEnabledException' });

  const id = (await idp.send(new CreateUserPoolCommand({ PoolName: 'guarded', UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } }))).UserPool?.Id ?? '';
  const set = await idp.send(new SetRiskConfigurationCommand({ UserPoolId: id, ...RISK }));
  expect(set.RiskConfiguration).toMatchObject({ UserPoolId: id, ...RISK });
  expect((await idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: id }))).RiskConfiguration).toMatchObject({ UserPoolId: id, ...RISK });

  const clientId = (await idp.send(new CreateUserPoolClientCommand({ UserPoolId: id, ClientName: 'spa' }))).UserPoolClient?.ClientId;
  // No configuration of its own yet: the client falls under the pool's.
  expect((await idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: id, ClientId: clientId }))).RiskConfiguration).toMatchObject(RISK);
  const own = { CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'NO_ACTION' } } };
  await idp.send(new SetRiskConfigurationCommand({ UserPoolId: id, ClientId: clientId, ...own }));
  const described = (await idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: id, ClientId: clientId }))).RiskConfiguration;
  expect(described).toMatchObject({ UserPoolId: id, ClientId: clientId, ...own });
  expect(described?.AccountTakeoverRiskConfiguration).toBeUndefined(); // a Set replaces the whole configuration
  expect(described?.LastModifiedDate).toBeInstanceOf(Date);
});

test('risk configurations are checked: actions from the API\'s sets, a sender when an action notifies, a client of the pool', async () => {
  const id = (await idp.send(new CreateUserPoolCommand({ PoolName: 'checked', UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } }))).UserPool?.Id;
  const refused = (/** @type {Record<string, unknown>} */ input) => expect(idp.send(new SetRiskConfigurationCommand({ UserPoolId: id, ...input }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
  await refused({ CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'MFA_REQUIRED' } } });
  await refused({ CompromisedCredentialsRiskConfiguration: { EventFilter: ['LOGIN'], Actions: { EventAction: 'BLOCK' } } });
  await refused({ AccountTakeoverRiskConfiguration: { Actions: { HighAction: { Notify: true, EventAction: 'BLOCK' } } } });
  await expect(idp.send(new SetRiskConfigurationCommand({ UserPoolId: id, ClientId: 'noSuchClient1', ...RISK }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  await expect(idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: 'us-east-1_NoSuchPool' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
});
