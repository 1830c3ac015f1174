// `users add --from`: many people, two calls each at most (AdminCreateUser, then
// AdminAddUserToGroup for admins), a bounded number at once and under Cognito's request quotas.
// A re-run skips who is already there (and still puts admins in the group); a failure of one
// person is reported on its own line and does not stop the others.
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../../cli/context.js';
import { AwsError } from '../../errors.js';
import { writeJson, writeLine } from '../../cli/io/streams.js';
import { createRateLimit } from '../../aws/rateLimit.js';
import { createProgressBar } from '../../cli/io/progressBar.js';
import { addToGroup, createPoolUser } from '../../resources/poolUsers.js';
import type { Person } from './peopleFile.js';

/** Some people could not be added: each is named on its own line; a re-run adds them. */
export class UsersNotAddedError extends AwsError {}

// Cognito's default quotas are 50 requests per second per category and account (AdminCreateUser:
// UserCreation; AdminAddUserToGroup: UserUpdate). 40 leaves room for the account's other clients.
const PER_SECOND = 40;
const AT_ONCE = 10;

type Outcome = { email: string; line: number; admin: boolean } & ({ result: 'created' | 'existing' } | { result: 'failed'; error: string });

export async function addMany(ctx: Context, idp: CognitoIdentityProviderClient, input: { userPoolId: string; adminGroup: string; people: Person[] }): Promise<void> {
  const creations = createRateLimit({ perSecond: PER_SECOND, concurrency: AT_ONCE });
  const groupAdds = createRateLimit({ perSecond: PER_SECOND, concurrency: AT_ONCE });
  const bar = createProgressBar(ctx, { label: 'adding users', total: input.people.length });
  let finished = 0;
  const outcomes = await Promise.all(
    input.people.map(async (person): Promise<Outcome> => {
      try {
        const created = await creations.run(() => createPoolUser(idp, { userPoolId: input.userPoolId, email: person.email, withPassword: false }));
        if (person.admin) await groupAdds.run(() => addToGroup(idp, { userPoolId: input.userPoolId, email: person.email, group: input.adminGroup }));
        return { email: person.email, line: person.line, admin: person.admin, result: created ? 'created' : 'existing' };
      } catch (error) {
        return { email: person.email, line: person.line, admin: person.admin, result: 'failed', error: (error as Error).message };
      } finally {
        bar.update(++finished);
      }
    }),
  );
  bar.finish();
  const of = (result: Outcome['result']) => outcomes.filter((outcome) => outcome.result === result);
  const failed = of('failed');
  if (ctx.globals.json) writeJson(ctx.io, { created: of('created').length, existing: of('existing').length, failed: failed.length, users: outcomes });
  else {
    for (const outcome of failed) writeLine(ctx.io.err, `line ${outcome.line}: ${outcome.email}: ${'error' in outcome ? outcome.error : ''}`);
    writeLine(ctx.io.err, `${of('created').length} added (Cognito e-mails each a temporary password), ${of('existing').length} already there, ${failed.length} failed`);
  }
  if (failed.length) {
    throw new UsersNotAddedError(`${failed.length} of ${outcomes.length} users were not added`, { hint: 'run the same command again: who is already there is skipped' });
  }
}
