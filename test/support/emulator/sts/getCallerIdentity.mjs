// GetCallerIdentity: who signed the request. AWS answers it for any valid credentials, with no IAM
// permission needed; here every caller is one IAM user of the stack's account, named after its key.

/** @type {import('./index.mjs').StsOperation} */
export async function getCallerIdentity(_params, { ctx }) {
  const key = ctx.accessKeyId ?? 'AKIDUNKNOWN';
  return {
    UserId: `AIDA${key.replace(/^AKID|^AKIA/, '').toUpperCase()}`.slice(0, 21),
    Account: ctx.accountId,
    Arn: `arn:aws:iam::${ctx.accountId}:user/${key === 'AKIDLOCALSTACK0000000' ? 'local-stack' : key.toLowerCase()}`,
  };
}
