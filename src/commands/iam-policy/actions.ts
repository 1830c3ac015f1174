// The AWS actions each command calls, for `iam-policy`. Not guessed: the test suite's local stack
// records every call the CLI makes with the command that made it (the user agent names it:
// `mmbatch-auth/<v> cmd/<command>`), and the end of `npm test` fails when a command called an
// action this table does not give it, or when the README's policy lacks one
// (test/support/iam-actions.cjs). Calls that need no IAM permission are left out: the unsigned
// sign-in calls (InitiateAuth, RespondToAuthChallenge, RevokeToken) and sts:GetCallerIdentity.

/** What setup (and status, teardown, the one-resource commands) read to find a setup's resources. */
const LOCATE_USER_POOL = ['cognito-idp:ListUserPools', 'cognito-idp:DescribeUserPool', 'cognito-idp:GetUserPoolMfaConfig', 'cognito-idp:DescribeRiskConfiguration'];
const LOCATE_APP_CLIENT = ['cognito-idp:ListUserPoolClients', 'cognito-idp:DescribeUserPoolClient'];
const LOCATE_ADMIN = ['cognito-idp:GetGroup', 'cognito-idp:AdminGetUser', 'cognito-idp:AdminListGroupsForUser'];
const LOCATE_IDENTITY_POOL = ['cognito-identity:ListIdentityPools', 'cognito-identity:DescribeIdentityPool', 'cognito-identity:GetIdentityPoolRoles'];
const LOCATE_ROLE = ['iam:GetRole', 'iam:GetRolePolicy', 'iam:ListRolePolicies', 'iam:ListAttachedRolePolicies'];
const LOCATE = [...LOCATE_USER_POOL, ...LOCATE_APP_CLIENT, ...LOCATE_ADMIN, ...LOCATE_IDENTITY_POOL, ...LOCATE_ROLE];

/** The admin flow (`--flow admin`, or `auto` where SRP is off) signs in with the operator's credentials. */
const ADMIN_SIGN_IN = ['cognito-idp:AdminInitiateAuth', 'cognito-idp:AdminRespondToAuthChallenge'];
/** Only for the hint when the app client lacks a flow: it names the flows the client has (without it, the hint says where to look). */
const FLOW_HINT = ['cognito-idp:DescribeUserPoolClient'];
/** setup's proof: the admin's ID token gets AWS credentials through the identity pool. */
const PROOF = ['cognito-identity:GetId', 'cognito-identity:GetCredentialsForIdentity'];

const MAKE_USER_POOL = [
  'cognito-idp:CreateUserPool',
  'cognito-idp:UpdateUserPool',
  'cognito-idp:SetUserPoolMfaConfig' /* TOTP, --mfa */,
  'cognito-idp:SetRiskConfiguration' /* --threat-protection */,
  'cognito-idp:DeleteUserPool' /* a lost race's twin */,
];
const MAKE_APP_CLIENT = ['cognito-idp:CreateUserPoolClient', 'cognito-idp:UpdateUserPoolClient', 'cognito-idp:DeleteUserPoolClient' /* a lost race's twin */];
const MAKE_ADMIN = ['cognito-idp:CreateGroup', 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminSetUserPassword', 'cognito-idp:AdminAddUserToGroup'];
const MAKE_IDENTITY_POOL = [
  'cognito-identity:CreateIdentityPool',
  'cognito-identity:UpdateIdentityPool',
  'cognito-identity:DeleteIdentityPool' /* a lost race's twin */,
  'cognito-identity:SetIdentityPoolRoles',
  // SetIdentityPoolRoles hands the role to Cognito Identity: IAM checks PassRole on it (no call of its own).
  'iam:PassRole',
];
const MAKE_ROLE = ['iam:CreateRole', 'iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy'];

/** setup: every resource made or repaired, the admin's sign-in and the proof. */
const SETUP = [...LOCATE, ...MAKE_USER_POOL, ...MAKE_APP_CLIENT, ...MAKE_ADMIN, ...MAKE_IDENTITY_POOL, ...MAKE_ROLE, ...ADMIN_SIGN_IN, ...PROOF];
/** Who in the admin group has MFA (status's check of admins). */
const ADMINS_MFA = ['cognito-idp:ListUsersInGroup', 'cognito-idp:AdminGetUser'];

export const COMMAND_ACTIONS: Record<string, readonly string[]> = {
  setup: SETUP,
  'user-pool create': [...LOCATE_USER_POOL, ...MAKE_USER_POOL],
  'user-pool show': LOCATE_USER_POOL,
  'app-client create': [...LOCATE_USER_POOL, ...LOCATE_APP_CLIENT, ...MAKE_APP_CLIENT],
  'app-client show': [...LOCATE_USER_POOL, ...LOCATE_APP_CLIENT],
  'identity-pool create': [...LOCATE_USER_POOL, ...LOCATE_APP_CLIENT, ...LOCATE_IDENTITY_POOL, ...LOCATE_ROLE, ...MAKE_IDENTITY_POOL, ...MAKE_ROLE],
  'identity-pool show': [...LOCATE_IDENTITY_POOL, 'iam:GetRole'],
  'self-signup disable': [...LOCATE_USER_POOL, 'cognito-idp:UpdateUserPool'],
  'self-signup enable': [...LOCATE_USER_POOL, 'cognito-idp:UpdateUserPool'],
  'self-signup status': LOCATE_USER_POOL,
  'auth-flows set': [...LOCATE_USER_POOL, ...LOCATE_APP_CLIENT, 'cognito-idp:UpdateUserPoolClient'],
  'auth-flows show': [...LOCATE_USER_POOL, ...LOCATE_APP_CLIENT],
  'users add': [...LOCATE_ADMIN, 'cognito-idp:ListUsers', 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminSetUserPassword', 'cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminDeleteUser' /* a half-made user */],
  'users list': ['cognito-idp:ListUsers', 'cognito-idp:ListGroups', 'cognito-idp:ListUsersInGroup', 'cognito-idp:AdminListGroupsForUser'],
  'users remove': [...LOCATE_ADMIN, 'cognito-idp:ListUsersInGroup', 'cognito-idp:AdminDeleteUser'],
  'server push': [...LOCATE, ...ADMIN_SIGN_IN, ...PROOF],
  'server status': [],
  'server disable': ADMIN_SIGN_IN,
  token: [...ADMIN_SIGN_IN, ...FLOW_HINT],
  login: [...ADMIN_SIGN_IN, ...FLOW_HINT],
  logout: [],
  api: [...ADMIN_SIGN_IN, ...FLOW_HINT],
  // Read only: an auditor's policy. `status --fix` is setup with the recorded inputs, and asks for setup's.
  status: [...LOCATE, ...ADMINS_MFA],
  teardown: [
    ...LOCATE,
    ...ADMIN_SIGN_IN,
    'cognito-idp:UpdateUserPool' /* deletion protection lifted */,
    'cognito-idp:DeleteUserPool',
    'cognito-idp:DeleteUserPoolClient',
    'cognito-idp:DeleteGroup',
    'cognito-idp:AdminDeleteUser',
    'cognito-identity:DeleteIdentityPool',
    'cognito-identity:SetIdentityPoolRoles' /* unmapped from a pool that stays */,
    'cognito-identity:UpdateIdentityPool' /* setup's provider taken out of a pool that stays */,
    'iam:PassRole' /* the roles left in that mapping */,
    'iam:UpdateAssumeRolePolicy' /* a reused role loses setup's statement */,
    'iam:DeleteRolePolicy',
    'iam:DeleteRole',
  ],
  use: [],
  'mfa enroll': [],
  // With the operator's AWS credentials; a user's own MFA goes through the user's token (no permission).
  'mfa status': ['cognito-idp:AdminGetUser', 'cognito-idp:GetUserPoolMfaConfig'],
  'mfa disable': ['cognito-idp:AdminGetUser', 'cognito-idp:AdminSetUserMFAPreference', 'cognito-idp:GetUserPoolMfaConfig'],
  'aws-credentials': PROOF,
  'iam-policy': [],
  completion: [],
};

/** Actions that need no IAM permission: calls the CLI makes unsigned, and GetCallerIdentity. */
export const NO_PERMISSION = new Set([
  'cognito-idp:InitiateAuth',
  'cognito-idp:RespondToAuthChallenge',
  'cognito-idp:RevokeToken',
  'cognito-idp:AssociateSoftwareToken',
  'cognito-idp:VerifySoftwareToken',
  'cognito-idp:SetUserMFAPreference',
  'cognito-idp:GetUser',
  'sts:GetCallerIdentity',
]);

/** The role setup creates is named `<name>-cognito-authenticated` (config/names.ts): IAM actions are limited to such roles. */
export const ROLE_RESOURCE = 'arn:aws:iam::*:role/*-cognito-authenticated';
