// One local stack for a test file, with a cognito-idp client that does not retry (each test sees the answer as it
// came): started before the file's tests, stopped after them.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { startStack } from '../../stack.mjs';

/**
 * @param {Parameters<typeof startStack>[0]} [options]
 * @returns {{ stack: Awaited<ReturnType<typeof startStack>>, idp: CognitoIdentityProviderClient, config: (extra?: Record<string, unknown>) => Record<string, any> }}
 *   filled in by beforeAll; `config` is the SDK client configuration for this stack
 */
export function useStack(options) {
  const world = /** @type {ReturnType<typeof useStack>} */ ({
    config: (extra = {}) => ({
      endpoint: world.stack.endpoint,
      region: world.stack.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
      ...extra,
    }),
  });
  beforeAll(async () => {
    world.stack = await startStack(options);
    world.idp = new CognitoIdentityProviderClient(world.config());
  });
  afterAll(async () => {
    world.idp?.destroy();
    await world.stack?.stop();
  });
  return world;
}
