// The authenticated role's trust policy, statement by statement. Setup writes one statement of its
// own, named by a Sid: only Cognito Identity may assume the role, only for this identity pool
// (aud) and only for signed-in users (amr); without aud any identity pool in any account could get
// credentials for the role. Every other statement belongs to someone else: kept as it is, never
// rewritten, and removed by nobody (teardown removes only setup's own statement).

export interface PolicyStatement {
  Sid?: string;
  Effect?: string;
  Principal?: { Federated?: string | string[]; [key: string]: unknown } | string;
  Action?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
  [key: string]: unknown;
}

export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement[] | PolicyStatement;
}

export const COGNITO_IDENTITY = 'cognito-identity.amazonaws.com';

export function ourTrustStatement(identityPoolId: string, sid: string): PolicyStatement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { Federated: COGNITO_IDENTITY },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: { [`${COGNITO_IDENTITY}:aud`]: identityPoolId },
      'ForAnyValue:StringLike': { [`${COGNITO_IDENTITY}:amr`]: 'authenticated' },
    },
  };
}

/** IAM returns policy documents URL-encoded (RFC 3986); accept plain JSON too. */
export function decodePolicyDocument(text: string | undefined): PolicyDocument | undefined {
  if (!text) return undefined;
  for (const candidate of [text, safeDecode(text)]) {
    try {
      const parsed = JSON.parse(candidate) as PolicyDocument;
      if (parsed && typeof parsed === 'object') return parsed;
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

export const statementsOf = (policy: PolicyDocument | undefined): PolicyStatement[] =>
  policy === undefined ? [] : Array.isArray(policy.Statement) ? policy.Statement : policy.Statement ? [policy.Statement] : [];

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

export function admitsCognitoIdentity(statement: PolicyStatement): boolean {
  if (statement.Effect !== 'Allow') return false;
  const principal = statement.Principal;
  return typeof principal === 'object' && list(principal.Federated).includes(COGNITO_IDENTITY);
}

/**
 * What a statement binds, in a few words for people and for comparison: `aud=<pool>, amr=authenticated`
 * for a statement bound as setup binds it, else what it lacks.
 */
export function describeBinding(statement: PolicyStatement | undefined): string | undefined {
  if (!statement) return undefined;
  if (!admitsCognitoIdentity(statement)) return 'does not admit Cognito Identity';
  const aud = conditionValues(statement, ['StringEquals'], `${COGNITO_IDENTITY}:aud`);
  const amr = conditionValues(statement, ['ForAnyValue:StringLike', 'ForAnyValue:StringEquals'], `${COGNITO_IDENTITY}:amr`);
  const audText = aud.length === 1 ? `aud=${aud[0]}` : 'any identity pool (no aud)';
  const amrText = amr.length === 1 && amr[0] === 'authenticated' ? 'amr=authenticated' : 'unauthenticated identities too (no amr=authenticated)';
  return `${audText}, ${amrText}`;
}

export const boundTo = (identityPoolId: string) => `aud=${identityPoolId}, amr=authenticated`;

/**
 * Setup's own statement: the one with its Sid; in a role an older version of this tool made (one
 * statement, no Sid), that statement.
 */
export function findOurStatement(policy: PolicyDocument | undefined, sid: string, legacySingleStatement: boolean): PolicyStatement | undefined {
  const statements = statementsOf(policy);
  const bySid = statements.find((statement) => statement.Sid === sid);
  if (bySid) return bySid;
  if (legacySingleStatement && statements.length === 1 && !statements[0].Sid && admitsCognitoIdentity(statements[0])) return statements[0];
  return undefined;
}

/** The policy with setup's statement put in (replacing its old one) and every other statement as it was. */
export function withOurStatement(policy: PolicyDocument | undefined, ours: PolicyStatement, replace: PolicyStatement | undefined): PolicyDocument {
  const others = statementsOf(policy).filter((statement) => statement !== replace);
  return { Version: policy?.Version ?? '2012-10-17', Statement: [...others, ours] };
}

/** The policy without setup's statement, or undefined when nothing else would be left. */
export function withoutOurStatement(policy: PolicyDocument | undefined, ours: PolicyStatement): PolicyDocument | undefined {
  const others = statementsOf(policy).filter((statement) => statement !== ours);
  return others.length ? { Version: policy?.Version ?? '2012-10-17', Statement: others } : undefined;
}

/** Statements setup did not write that still let Cognito Identity in without binding the pool and amr. */
export function looseForeignStatements(policy: PolicyDocument | undefined, ours: PolicyStatement | undefined): PolicyStatement[] {
  return statementsOf(policy).filter((statement) => {
    if (statement === ours || !admitsCognitoIdentity(statement)) return false;
    return !describeBinding(statement)!.startsWith('aud=') || !describeBinding(statement)!.endsWith('amr=authenticated');
  });
}

/** Key-order-independent JSON, to compare policy documents. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
