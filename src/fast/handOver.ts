// The lean paths' way out: thrown wherever they reach something only the full CLI does (a prompt,
// a call our JSON client does not make here), caught by src/fast/fresh.ts, which then lets
// bin/mmbatch-auth.cjs start the full CLI in the same process.
export class HandOver extends Error {
  constructor(reason: string) {
    super(`the full CLI takes over: ${reason}`);
  }
}
