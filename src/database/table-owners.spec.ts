import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// The house's rule that lint cannot see (README, "Architecture"): a repository's SQL names only its own module's
// tables; a statement that reads another module's tables is a named read model, listed in the README.
const root = fileURLToPath(new URL('../..', import.meta.url));
const src = join(root, 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

const moduleOf = (file: string) => relative(src, file).split('/')[0];
const all = files(src);

/** Table name → the module whose entity declares it. */
const owners = new Map<string, string>();
for (const file of all) {
  for (const m of readFileSync(file, 'utf8').matchAll(/@Entity\('([a-z_]+)'/g)) owners.set(m[1], moduleOf(file));
}

/** The tables a file's SQL names after FROM, JOIN, INTO or UPDATE. */
function tablesNamed(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE)\s+([a-z_]+)\b/gi)) {
    if (owners.has(m[1])) found.add(m[1]);
  }
  return found;
}

describe('where SQL lives', () => {
  it('knows the tables of every module', () => {
    expect(owners.get('person')).toBe('workforce');
    expect(owners.get('app_user')).toBe('auth');
    expect(owners.size).toBeGreaterThan(20);
  });

  it('a repository names no other module’s table', () => {
    const strays = all
      .filter((f) => f.endsWith('.repository.ts'))
      .flatMap((f) =>
        [...tablesNamed(readFileSync(f, 'utf8'))]
          .filter((t) => owners.get(t) !== moduleOf(f))
          .map((t) => `${relative(root, f)} reads ${t} (${owners.get(t)}): make that statement a read model`),
      );
    expect(strays).toEqual([]);
  });

  it('the rule sees a stray table name', () => {
    expect([...tablesNamed('SELECT 1 FROM evaluation_body b JOIN person p ON p.id = b.id')]).toEqual([
      'evaluation_body',
      'person',
    ]);
  });

  it('the README lists every read model', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const unlisted = all
      .filter((f) => f.endsWith('.read-model.ts'))
      .map((f) => relative(src, f))
      .filter((f) => !readme.includes(f));
    expect(unlisted).toEqual([]);
  });
});
