// Where a sign-in's Cognito calls go, decided the way the AWS SDK decides it for what we support:
// --endpoint-url, then AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, then AWS_ENDPOINT_URL (both
// skipped under AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true), else Cognito's regional endpoint.
//
// Anything else that would change the SDK's answer (FIPS or dual-stack endpoints, an endpoint_url or
// a services section in the shared config profile, an ISO partition) is not reimplemented here: the
// answer is then `sdk`, with the reason, and the sign-in goes through the AWS SDK, which knows them
// all. Being wrong here would send a password's proof to the wrong host; being cautious costs only
// the SDK's load time.
import { sharedProfiles } from '../../aws/sharedFiles.js';
import { validateRegion } from '../../validate.js';

export type SignInEndpoint = { url: URL } | { sdk: string };

export interface EndpointSettings {
  region: string;
  /** The global --endpoint-url. */
  endpointUrl?: string;
  /** The global --profile. */
  profile?: string;
}

/** The SDK's service ID for Cognito user pools is "Cognito Identity Provider". */
const SERVICE_ENDPOINT_ENV = 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER';
/** Switches the SDK reads as booleans; only "false" (or absent) leaves the plain endpoint. */
const ENDPOINT_VARIANT_ENV = ['AWS_USE_FIPS_ENDPOINT', 'AWS_USE_DUALSTACK_ENDPOINT'];
/** Profile settings that choose an endpoint variant, whatever else is configured. */
const VARIANT_KEYS = ['use_fips_endpoint', 'use_dualstack_endpoint'];
/** Profile settings that name or veto a configured endpoint URL (they matter only without --endpoint-url). */
const URL_KEYS = ['endpoint_url', 'services', 'ignore_configured_endpoint_urls'];
/** Partitions with their own DNS suffix that only the SDK's partition table knows (us-iso-*, eu-isoe-*, ...). */
const ISO_REGION = /^[a-z]{2}-iso[a-z]?-/;

export function resolveSignInEndpoint(settings: EndpointSettings, env: NodeJS.ProcessEnv): SignInEndpoint {
  // The region becomes the host (cognito-idp.<region>.amazonaws.com): `x@evil.example/` would send
  // the SRP exchange elsewhere. The SDK checks it as a host label; this client does it here, for
  // --region, AWS_REGION and the profile alike, before any endpoint is chosen (exit 2).
  validateRegion(settings.region);
  for (const name of ENDPOINT_VARIANT_ENV) {
    if (env[name] !== undefined && env[name] !== 'false') return { sdk: `${name}=${env[name]}` };
  }
  const ignoreEnv = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS;
  if (ignoreEnv !== undefined && ignoreEnv !== 'true' && ignoreEnv !== 'false') {
    return { sdk: `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=${ignoreEnv}` };
  }
  const ignoreConfigured = ignoreEnv === 'true';

  const explicit = settings.endpointUrl;
  const fromEnv = ignoreConfigured ? undefined : env[SERVICE_ENDPOINT_ENV] || env.AWS_ENDPOINT_URL || undefined;
  const profile = settings.profile || env.AWS_PROFILE || 'default';
  const keys = profileKeys(env, profile);
  // The SDK reads the profile's endpoint_url (and its veto) only when nothing above named a URL.
  const relevant = explicit || fromEnv ? VARIANT_KEYS : [...VARIANT_KEYS, ...URL_KEYS];
  const configured = relevant.find((key) => keys.has(key));
  if (configured) return { sdk: `the AWS profile '${profile}' sets ${configured}` };

  const given = explicit ?? fromEnv;
  if (given !== undefined) return parseEndpointUrl(given);
  if (ISO_REGION.test(settings.region)) return { sdk: `the region ${settings.region} is in an isolated partition` };
  const suffix = settings.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return { url: new URL(`https://cognito-idp.${settings.region}.${suffix}/`) };
}

/** A URL we can send to as the SDK would (scheme, host, port, base path); anything odder is the SDK's to judge. */
function parseEndpointUrl(value: string): SignInEndpoint {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { sdk: `the endpoint URL '${value}' is not a URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { sdk: `the endpoint URL '${value}' is not http(s)` };
  if (url.search || url.hash || url.username || url.password) return { sdk: `the endpoint URL '${value}' has a query, fragment or user` };
  return { url };
}

/** The setting names of one profile in the shared config and credentials files. */
function profileKeys(env: NodeJS.ProcessEnv, profile: string): Set<string> {
  return sharedProfiles(env).get(profile) ?? new Set();
}
