/**
 * The timestamp in backup and set-aside file names, on its own so that the modules naming files (backup-files,
 * swap, migrate) need not import the one that copies them (online-backup): that import closed a circle.
 */

/** File-name-safe local timestamp, e.g. 20260922-143015. */
export function stamp(now: Date): string {
  const p = (n: number) => n.toString().padStart(2, '0');
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}
