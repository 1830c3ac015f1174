// `use <name>`: make a setup the default for later commands (like `docker context use`).
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { printRecord } from '../../cli/io/output.js';
import { validateName } from '../../validate.js';
import type { UseOptions } from './spec.js';

export async function run(options: UseOptions, ctx: Context): Promise<void> {
  const name = validateName(options.name);
  const names = ctx.settings.names();
  if (!names.includes(name)) {
    throw new UsageError(`no setup named '${name}' in ${ctx.settings.path}`, {
      hint: names.length ? `the setups there: ${names.join(', ')}` : 'run `mmbatch-auth setup --name <name>` first',
    });
  }
  if (!ctx.globals.dryRun) ctx.settings.setDefault(name);
  printRecord(ctx, { default: name, settingsFile: ctx.settings.path, ...(ctx.globals.dryRun ? { dryRun: true } : {}) });
}
