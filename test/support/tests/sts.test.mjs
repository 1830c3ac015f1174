// STS GetCallerIdentity through the local stack (emulator/sts/): who the stack's credentials are, as
// AWS answers it (awsQuery, its own namespace), and logged like every other call.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startStack } from '../stack.mjs';

let stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack?.stop();
});

test("GetCallerIdentity names the stack's account and an IAM user for the access key", async () => {
  const env = stack.env();
  const sts = new STSClient({ region: stack.region, endpoint: stack.endpoint, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY } });
  const answer = await sts.send(new GetCallerIdentityCommand({}));
  sts.destroy();
  expect(answer).toMatchObject({ Account: '000000000000', Arn: 'arn:aws:iam::000000000000:user/local-stack' });
  expect(answer.UserId).toMatch(/^AIDA/);
  expect(stack.calls.at(-1)).toMatchObject({ service: 'sts', operation: 'GetCallerIdentity', kind: 'read', status: 200 });
});

test('an unknown STS action is refused as AWS refuses it', async () => {
  const response = await fetch(stack.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0' },
    body: 'Action=AssumeRole&Version=2011-06-15',
  });
  expect(response.status).toBe(400);
  expect(await response.text()).toContain('<Code>InvalidAction</Code>');
});
