// The file `users add --from` reads: one e-mail a line, or CSV with a header `email,admin`.
// Blank lines and `#` comments are skipped. A malformed file is refused whole, before any call
// (exit 2, every bad line named): adding the good half of a list someone mistyped leaves them
// guessing which half went in, as `aws ... --cli-input-json` refuses a bad document whole.
import { UsageError } from '../../errors.js';
import { validateEmail } from '../../validate.js';

export interface Person {
  email: string;
  admin: boolean;
  line: number;
}

const TRUE = new Set(['true', 'yes', '1', 'y']);
const FALSE = new Set(['false', 'no', '0', 'n', '']);
/** Named in the error; the rest are counted. */
const SHOWN_PROBLEMS = 5;

export function parsePeople(text: string, source: string): Person[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const people: Person[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  let csv = false;
  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (!content || content.startsWith('#')) return;
    const cells = content.split(',').map((cell) => cell.trim());
    if (people.length === 0 && problems.length === 0 && !csv && cells[0].toLowerCase() === 'email') {
      if (cells.length > 2 || (cells[1] !== undefined && cells[1].toLowerCase() !== 'admin')) problems.push(`line ${line}: the header must be email or email,admin`);
      csv = true;
      return;
    }
    if (cells.length > 2) return void problems.push(`line ${line}: more than two columns`);
    const flag = (cells[1] ?? '').toLowerCase();
    if (!TRUE.has(flag) && !FALSE.has(flag)) return void problems.push(`line ${line}: admin must be true or false, not '${cells[1]}'`);
    let email: string;
    try {
      email = validateEmail(cells[0]);
    } catch (error) {
      return void problems.push(`line ${line}: ${(error as Error).message}`);
    }
    const key = email.toLowerCase();
    if (seen.has(key)) return void problems.push(`line ${line}: ${email} again (first on line ${seen.get(key)})`);
    seen.set(key, line);
    people.push({ email, admin: TRUE.has(flag), line });
  });
  if (problems.length) {
    const more = problems.length > SHOWN_PROBLEMS ? `; and ${problems.length - SHOWN_PROBLEMS} more` : '';
    throw new UsageError(`${source}: ${problems.slice(0, SHOWN_PROBLEMS).join('; ')}${more}: nobody was added`);
  }
  if (people.length === 0) throw new UsageError(`${source} names nobody: one e-mail a line, or CSV with a header email,admin`);
  return people;
}
