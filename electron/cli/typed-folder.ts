/**
 * `npm run cli -- … --db 台账.db` starts the program in the package's own folder, whatever folder the command was
 * typed in (npm walks up to package.json, and `npm --prefix` names it from anywhere); npm keeps the folder it was
 * typed in as INIT_CWD. Without going back there, a relative --db, --out or file to import meant a file beside the
 * app: `stats --db ../台账.db` said 数据库文件不存在, and `init` or `import` would start a ledger in the wrong place.
 * Only under npm's own script (npm_lifecycle_event) is INIT_CWD the caller's: a test run started by `npm test` has
 * it too, pointing at the package, and its children must keep the folder they were given.
 */
export function workInTypedFolder(script: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env.npm_lifecycle_event === script && env.INIT_CWD) process.chdir(env.INIT_CWD);
}
