// Which AWS service and operation an HTTP request is, read the way the services themselves read it.

/** @typedef {import('./faults.mjs').Service} Service */
/** @typedef {import('./wire-errors.mjs').Protocol} Protocol */
/** @typedef {{ service: Service, operation: string, protocol: Protocol, input: Record<string, any> }} AwsCall */

/** awsJson1_1 services name themselves in X-Amz-Target; the prefix says which service. @type {Record<string, Service>} */
const JSON_TARGET_PREFIXES = {
  AWSCognitoIdentityProviderService: 'cognito-idp',
  AWSCognitoIdentityService: 'cognito-identity',
};

/**
 * @param {import('node:http').IncomingHttpHeaders} headers
 * @param {string} body
 * @returns {AwsCall | { unrecognised: string }}
 */
export function identifyAwsCall(headers, body) {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') {
    const [prefix, operation] = target.split('.');
    const service = JSON_TARGET_PREFIXES[prefix];
    if (!service || !operation) return { unrecognised: `unknown X-Amz-Target ${target}` };
    const input = parseJsonBody(body);
    if (!input) return { unrecognised: `the body of ${target} is not a JSON object` };
    return { service, operation, protocol: 'awsJson1_1', input };
  }
  // awsQuery (IAM, STS): a form-encoded body carrying Action=<Operation>; the signature's scope names the service.
  const form = new URLSearchParams(body);
  const operation = form.get('Action');
  if (!operation) return { unrecognised: 'neither an X-Amz-Target header nor an Action parameter' };
  const scopeService = credentialScope(headers)?.service ?? 'iam';
  if (scopeService !== 'iam' && scopeService !== 'sts') return { unrecognised: `awsQuery service ${scopeService} is not emulated` };
  return { service: scopeService, operation, protocol: 'awsQuery', input: Object.fromEntries(form) };
}

/** @param {string} body @returns {Record<string, any> | undefined} */
function parseJsonBody(body) {
  if (!body.trim()) return {};
  try {
    const parsed = JSON.parse(body);
    return parsed && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The region and service a SigV4-signed request was signed for
 * (`Authorization: AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/cognito-idp/aws4_request, ...`).
 * @param {import('node:http').IncomingHttpHeaders} headers
 */
export function credentialScope(headers) {
  const match = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(headers.authorization ?? '');
  return match ? { accessKeyId: match[1], region: match[2], service: match[3] } : undefined;
}
