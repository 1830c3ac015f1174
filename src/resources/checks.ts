// The security checks `status` reports, by the IDs the scanners use: Prowler's (its
// `prowler/providers/aws/services/cognito/` checks), with AWS Security Hub's control and AWS
// Config's rule where one grades the same setting; then this tool's own, beyond the scanners.
//
// A check is answered by one or more settings of a resource (their `check` field names it here).
// Where a scanner's rule is stricter than what setup wants by default, the rule is written out
// (`passes`): Prowler passes MFA only when it is required, threat protection only when enforced.
// A check that fails only because of what the operator chose (`--mfa optional`, no
// `--threat-protection`) is reported as failing and `waived`, with the flag that passes it; it
// does not make `status` exit 5. The costly ones say what they cost.
import type { SettingValue } from './plan.js';

export interface CheckDefinition {
  /** What a failure means, for people. */
  title: string;
  /** The same check in other scanners: Security Hub's control, AWS Config's managed rule. */
  also?: string[];
  /** Who defines it: a scanner, or this tool (beyond the scanners). */
  source: 'prowler' | 'mmbatch-auth';
  /**
   * The scanner's own rule on the setting's live value, where it is not "as setup wants"; `read`
   * gives another setting of the same resource (Prowler's "blocks" checks also want enforcement).
   */
  passes?: (value: SettingValue, read: (setting: string) => SettingValue) => boolean;
  /** The setup flag that makes `passes` true, when setup's default does not. */
  flag?: string;
  /** It costs money to pass: what, and where the prices are. */
  cost?: string;
}

const PLUS_PLAN_COST =
  "the Plus feature plan: every monthly active user of the pool is billed at the Plus rate (see https://aws.amazon.com/cognito/pricing/); setup's `--threat-protection audit` first, as AWS advises, then `enforce`";

export const CHECKS: Record<string, CheckDefinition> = {
  cognito_user_pool_self_registration_disabled: { title: 'self-registration is off (only admins create users)', source: 'prowler' },
  cognito_user_pool_deletion_protection_enabled: {
    title: 'deletion protection is on',
    also: ['cognito-user-pool-deletion-protection-enabled'],
    source: 'prowler',
  },
  cognito_user_pool_mfa_enabled: {
    title: 'MFA is required for every user',
    source: 'prowler',
    passes: (value) => value === 'required',
    flag: '--mfa required',
  },
  cognito_user_pool_password_policy_minimum_length_14: { title: 'passwords have at least 14 characters', source: 'prowler' },
  cognito_user_pool_password_policy_lowercase: { title: 'passwords need a lower-case letter', source: 'prowler' },
  cognito_user_pool_password_policy_uppercase: { title: 'passwords need an upper-case letter', source: 'prowler' },
  cognito_user_pool_password_policy_number: { title: 'passwords need a digit', source: 'prowler' },
  cognito_user_pool_password_policy_symbol: { title: 'passwords need a symbol', source: 'prowler' },
  cognito_user_pool_temporary_password_expiration: { title: 'temporary passwords expire within 7 days', source: 'prowler' },
  cognito_user_pool_client_prevent_user_existence_errors: { title: "sign-in errors do not say whether a user exists", source: 'prowler' },
  cognito_user_pool_client_token_revocation_enabled: { title: 'refresh tokens can be revoked', source: 'prowler' },
  cognito_identity_pool_guest_access_disabled: {
    title: 'the identity pool gives no credentials to unauthenticated (guest) identities',
    also: ['Cognito.2', 'cognito-identity-pool-unauth-access-check'],
    source: 'prowler',
  },
  cognito_user_pool_advanced_security_enabled: {
    title: 'threat protection is on, in full-function (enforced) mode',
    also: ['Cognito.1', 'cognito-user-pool-advanced-security-enabled'],
    source: 'prowler',
    passes: (value) => value === 'ENFORCED',
    flag: '--threat-protection enforce',
    cost: PLUS_PLAN_COST,
  },
  cognito_user_pool_blocks_compromised_credentials_sign_in_attempts: {
    title: 'threat protection blocks sign-ins with compromised credentials',
    source: 'prowler',
    passes: (value, read) => value === 'BLOCK' && read('threatProtection') === 'ENFORCED',
    flag: '--threat-protection enforce',
    cost: PLUS_PLAN_COST,
  },
  cognito_user_pool_blocks_potential_malicious_sign_in_attempts: {
    title: 'threat protection blocks sign-ins at low, medium and high risk',
    source: 'prowler',
    passes: (value, read) => value === 'BLOCK' && read('threatProtection') === 'ENFORCED',
    flag: '--threat-protection enforce',
    cost: PLUS_PLAN_COST,
  },
  cognito_user_pool_waf_acl_attached: {
    title: 'an AWS WAF web ACL protects the pool',
    source: 'prowler',
    cost: 'an AWS WAF web ACL: billed per web ACL, per rule and per million requests (see https://aws.amazon.com/waf/pricing/); setup does not make one, and status does not read AWS WAF',
  },
  // Beyond the scanners.
  identity_pool_classic_flow_disabled: { title: "the identity pool's basic (classic) flow is off", source: 'mmbatch-auth' },
  identity_pool_provider_is_this_setup: { title: "the identity pool's provider is this setup's user pool and client", source: 'mmbatch-auth' },
  role_trust_bound_to_identity_pool: {
    title: "the role trusts only this identity pool (aud) and only signed-in users (amr = authenticated)",
    source: 'mmbatch-auth',
  },
  role_grants_only_role_policy: { title: 'the role grants nothing beyond what --role-policy asked', source: 'mmbatch-auth' },
  app_client_allows_only_asked_flows: { title: 'the app client allows no sign-in flow beyond those asked for', source: 'mmbatch-auth' },
  app_client_token_lifetimes_bounded: {
    title: 'tokens live no longer than Cognito\'s defaults (an hour; 30 days for the refresh token)',
    source: 'mmbatch-auth',
  },
  admin_group_members_have_mfa: { title: 'every member of the admin group (who can change the server) has MFA', source: 'mmbatch-auth' },
  server_settings_match_aws: { title: "the MMBatch server's Cognito settings are this setup's", source: 'mmbatch-auth' },
};

/** The order status reports them in: the scanners' first, as listed above. */
export const CHECK_ORDER = Object.keys(CHECKS);
