// A full-state Update*/Set* request is built from every field the Describe answered: a field it did
// not answer is left out of the request, not carried as a key holding undefined.
export function definedOnly<T extends object>(input: T): T {
  for (const key of Object.keys(input) as (keyof T)[]) {
    if (input[key] === undefined) delete input[key];
  }
  return input;
}
