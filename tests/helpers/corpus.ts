// The shared spreadsheet corpus (../shared/corpora/spreadsheets beside the checkout, as in CI; SHARED_DIR overrides).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CORPUS_ROOT =
  [process.env.SHARED_DIR, resolve(import.meta.dirname, '../../../shared')]
    .filter((d): d is string => !!d)
    .map((d) => join(d, 'corpora/spreadsheets'))
    .find((d) => existsSync(d)) ?? resolve(import.meta.dirname, '../../../shared/corpora/spreadsheets');

/** MANIFEST.tsv rows (path, sha256, bytes, source, license, exercises, expected_behaviour), header left out. */
export const corpusManifest = (): string[][] =>
  readFileSync(join(CORPUS_ROOT, 'MANIFEST.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'));

/** Every corpus file as "folder/name". */
export const corpusFiles = (): string[] =>
  readdirSync(CORPUS_ROOT)
    .filter((d) => statSync(join(CORPUS_ROOT, d)).isDirectory())
    .flatMap((d) => readdirSync(join(CORPUS_ROOT, d)).map((f) => `${d}/${f}`));
