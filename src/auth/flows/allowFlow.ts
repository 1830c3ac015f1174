// The command a hint gives to allow one more sign-in flow. `auth-flows set` replaces the client's
// flows, so the command names them all (what the client has, read with the operator's AWS
// credentials, plus the missing one): a hint naming only the missing flow would, followed, drop the
// others and with them perhaps the default sign-in. Without credentials to read them, the hint
// says where to see them instead.
import type { SignInCalls } from '../cognito/calls.js';

export type FlowTarget = { userPoolId: string; clientId: string } & (
  /** Where the pool and client came from (with the region they are in): `auth-flows set` finds the settings file's by itself. */
  { from?: 'settings' } | { from: 'flags' | 'server'; region: string }
);

/**
 * `mmbatch-auth auth-flows set <every flow the client has>,<missing>` (in backticks), for a hint;
 * `read: false` where no AWS credentials could read them (the hint then says where to see them).
 */
export async function allowFlowCommand(calls: SignInCalls, target: FlowTarget, missing: string, read = true): Promise<string> {
  let flows: string[] | undefined;
  try {
    if (read) {
      const client = await calls.adminClient(); // the lean path's refuses: it loads no SDK
      const { describeAuthFlows } = await import('../cognito/sdk.js');
      // Cognito's ALLOW_ names, as `auth-flows set` takes them short (it adds REFRESH_TOKEN_AUTH itself).
      flows = (await describeAuthFlows(client, target.userPoolId, target.clientId)).map((flow) => flow.replace(/^ALLOW_/, ''));
    }
  } catch {
    // No AWS credentials or no permission to read them, or the lean path: the hint says where to look.
  }
  // The settings file's client `auth-flows` finds by itself; another must be named.
  const which = target.from === 'flags' || target.from === 'server' ? ` --region ${target.region} --user-pool-id ${target.userPoolId} --client-id ${target.clientId}` : '';
  // The missing flow is not among the client's (Cognito refused it), so the list needs no dedupe.
  const list = [...(flows ?? ['<its flows>']), missing].join(',');
  return `\`mmbatch-auth auth-flows set ${list}${which}\`${flows ? '' : ' (`auth-flows show` lists them)'}`;
}
