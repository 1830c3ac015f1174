// Where the sign-in's own client sends its calls (src/auth/cognito/endpoint.ts): the AWS SDK's order for
// what it handles, and "use the SDK" for every configuration it does not, so no setup is ever sent
// somewhere the SDK would not have sent it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSignInEndpoint, type EndpointSettings } from '../src/auth/cognito/endpoint.js';

let dir: string;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mmbatch-auth-endpoint-'));
  // No shared config unless a test writes one; HOME too, so ~/.aws of whoever runs the tests is never read.
  env = { HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function resolve(settings: Partial<EndpointSettings> = {}, extraEnv: NodeJS.ProcessEnv = {}): string {
  const endpoint = resolveSignInEndpoint({ region: 'eu-west-1', ...settings }, { ...env, ...extraEnv });
  return 'url' in endpoint ? endpoint.url.href : `sdk: ${endpoint.sdk}`;
}

describe('the endpoints our client handles', () => {
  test("Cognito's regional endpoint, in the China partition too", () => {
    expect(resolve()).toBe('https://cognito-idp.eu-west-1.amazonaws.com/');
    expect(resolve({ region: 'us-gov-west-1' })).toBe('https://cognito-idp.us-gov-west-1.amazonaws.com/');
    expect(resolve({ region: 'cn-north-1' })).toBe('https://cognito-idp.cn-north-1.amazonaws.com.cn/');
  });

  test('--endpoint-url, then AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, then AWS_ENDPOINT_URL', () => {
    const both = { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'http://idp.local:9229', AWS_ENDPOINT_URL: 'http://all.local:4566' };
    expect(resolve({ endpointUrl: 'http://flag.local:1234' }, both)).toBe('http://flag.local:1234/');
    expect(resolve({}, both)).toBe('http://idp.local:9229/');
    expect(resolve({}, { AWS_ENDPOINT_URL: 'http://all.local:4566' })).toBe('http://all.local:4566/');
    expect(resolve({}, { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: '', AWS_ENDPOINT_URL: 'http://all.local:4566' })).toBe('http://all.local:4566/');
  });

  test('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true leaves out the environment, not the flag', () => {
    const ignore = { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL: 'http://all.local:4566' };
    expect(resolve({}, ignore)).toBe('https://cognito-idp.eu-west-1.amazonaws.com/');
    expect(resolve({ endpointUrl: 'http://flag.local:1234' }, ignore)).toBe('http://flag.local:1234/');
  });

  test('switches set to false and unrelated profile settings change nothing', () => {
    writeFileSync(env.AWS_CONFIG_FILE!, '[default]\nregion = eu-west-1\noutput = json\n[profile other]\nendpoint_url = http://other.local\n');
    expect(resolve({}, { AWS_USE_FIPS_ENDPOINT: 'false', AWS_USE_DUALSTACK_ENDPOINT: 'false' })).toBe('https://cognito-idp.eu-west-1.amazonaws.com/');
  });
});

describe('what is left to the AWS SDK', () => {
  test.each([
    [{ AWS_USE_FIPS_ENDPOINT: 'true' }, 'AWS_USE_FIPS_ENDPOINT=true'],
    [{ AWS_USE_DUALSTACK_ENDPOINT: 'true' }, 'AWS_USE_DUALSTACK_ENDPOINT=true'],
    [{ AWS_USE_FIPS_ENDPOINT: 'TRUE' }, 'AWS_USE_FIPS_ENDPOINT=TRUE'], // the SDK's error to give, not ours to guess
    [{ AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'yes' }, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=yes'],
  ])('%j', (extraEnv, reason) => {
    expect(resolve({}, extraEnv)).toBe(`sdk: ${reason}`);
  });

  test("the profile's endpoint_url or services section, unless a URL was given", () => {
    writeFileSync(env.AWS_CONFIG_FILE!, '[profile dev]\nendpoint_url = http://localstack:4566\n[profile svc]\nservices = local\n[services local]\ncognito_identity_provider =\n  endpoint_url = http://idp:9229\n');
    expect(resolve({ profile: 'dev' })).toBe("sdk: the AWS profile 'dev' sets endpoint_url");
    expect(resolve({}, { AWS_PROFILE: 'svc' })).toBe("sdk: the AWS profile 'svc' sets services");
    expect(resolve({ profile: 'dev', endpointUrl: 'http://flag.local:1234' })).toBe('http://flag.local:1234/');
    expect(resolve({ profile: 'dev' }, { AWS_ENDPOINT_URL: 'http://all.local:4566' })).toBe('http://all.local:4566/');
  });

  test('FIPS or dual-stack in the profile, whatever URL was given', () => {
    writeFileSync(env.AWS_CONFIG_FILE!, '[default]\nuse_fips_endpoint = true\n');
    expect(resolve({ endpointUrl: 'http://flag.local:1234' })).toBe("sdk: the AWS profile 'default' sets use_fips_endpoint");
    writeFileSync(env.AWS_CONFIG_FILE!, '[profile "quoted name"]\nuse_dualstack_endpoint=true ; comment\n');
    expect(resolve({ profile: 'quoted name' })).toBe("sdk: the AWS profile 'quoted name' sets use_dualstack_endpoint");
  });

  test('the credentials file counts too (the SDK merges both files)', () => {
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, '[ci]\nendpoint_url = http://localstack:4566\n');
    expect(resolve({ profile: 'ci' })).toBe("sdk: the AWS profile 'ci' sets endpoint_url");
    expect(resolve({ profile: 'other' })).toBe('https://cognito-idp.eu-west-1.amazonaws.com/');
  });

  test('~/.aws/config when AWS_CONFIG_FILE is not set', () => {
    const { AWS_CONFIG_FILE: _unused, ...withoutConfigVariable } = env;
    env = withoutConfigVariable;
    const awsDir = join(dir, '.aws');
    mkdirSync(awsDir);
    writeFileSync(join(awsDir, 'config'), '[default]\nendpoint_url = http://localstack:4566\n');
    expect(resolve()).toBe("sdk: the AWS profile 'default' sets endpoint_url");
  });

  test('isolated partitions, and URLs that are not plain http(s) endpoints', () => {
    expect(resolve({ region: 'us-iso-east-1' })).toMatch(/^sdk: the region us-iso-east-1 is in an isolated partition/);
    expect(resolve({ endpointUrl: 'not a url' })).toMatch(/^sdk: the endpoint URL 'not a url' is not a URL/);
    expect(resolve({ endpointUrl: 'ftp://host' })).toMatch(/is not http\(s\)$/);
    expect(resolve({ endpointUrl: 'http://host/?x=1' })).toMatch(/has a query, fragment or user$/);
  });
});
