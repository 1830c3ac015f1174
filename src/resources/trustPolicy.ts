// The authenticated role's trust policy: only Cognito Identity may assume it, only for this
// identity pool (aud) and only for signed-in users (amr). Without aud, any identity pool in any
// account could get credentials for this role.

export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement[] | PolicyStatement;
}

interface PolicyStatement {
  Effect?: string;
  Principal?: { Federated?: string | string[] } | string;
  Action?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

const COGNITO_IDENTITY = 'cognito-identity.amazonaws.com';

export function desiredTrustPolicy(identityPoolId: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: COGNITO_IDENTITY },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { [`${COGNITO_IDENTITY}:aud`]: identityPoolId },
          'ForAnyValue:StringLike': { [`${COGNITO_IDENTITY}:amr`]: 'authenticated' },
        },
      },
    ],
  };
}

/** IAM returns policy documents URL-encoded (RFC 3986); accept plain JSON too. */
export function decodePolicyDocument(text: string | undefined): PolicyDocument | undefined {
  if (!text) return undefined;
  for (const candidate of [text, safeDecode(text)]) {
    try {
      return JSON.parse(candidate) as PolicyDocument;
    } catch {
      // try the next form
    }
  }
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function conditionValues(statement: PolicyStatement, operators: string[], key: string): string[] {
  const values: string[] = [];
  for (const [operator, entries] of Object.entries(statement.Condition ?? {})) {
    if (!operators.includes(operator)) continue;
    for (const [conditionKey, value] of Object.entries(entries)) {
      if (conditionKey.toLowerCase() === key.toLowerCase()) values.push(...list(value));
    }
  }
  return values;
}

/** Every drift of the policy from "bound to this pool (aud) and to authenticated users (amr)". */
export function trustPolicyDrift(policy: PolicyDocument | undefined, identityPoolId: string): string[] {
  if (!policy) return ['the trust policy cannot be read'];
  const cognitoStatements = list(policy.Statement).filter((statement) => {
    if (statement.Effect !== 'Allow') return false;
    const principal = statement.Principal;
    const federated = typeof principal === 'object' ? list(principal.Federated) : [];
    return federated.includes(COGNITO_IDENTITY);
  });
  if (cognitoStatements.length === 0) return ['the trust policy does not admit Cognito Identity'];
  const drift = new Set<string>();
  for (const statement of cognitoStatements) {
    const aud = conditionValues(statement, ['StringEquals'], `${COGNITO_IDENTITY}:aud`);
    const amr = conditionValues(statement, ['ForAnyValue:StringLike', 'ForAnyValue:StringEquals'], `${COGNITO_IDENTITY}:amr`);
    if (aud.length !== 1 || aud[0] !== identityPoolId) drift.add(`the trust policy is not bound to identity pool ${identityPoolId} (aud)`);
    if (amr.length !== 1 || amr[0] !== 'authenticated') drift.add('the trust policy is not limited to authenticated users (amr)');
  }
  return [...drift];
}
