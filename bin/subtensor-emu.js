#!/usr/bin/env node
// Starts the prebuilt bundle (dist/cli.mjs, made by `npm ci` / `npm run build`) when it is newer
// than every source file; otherwise runs the TypeScript sources through tsx.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { constants } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { YOUNG_GENERATION_FLAG } from './node-flags.mjs'

// The young generation's size (node-flags.mjs) is fixed when V8 creates the heap:
// v8.setFlagsFromString('--max-semi-space-size=64') at this point changes nothing (still 76–83
// scavenges per 3,000 blocks), and Node 20 cannot re-exec itself. So a node started with no Node flags at all (`subtensor-emu --dev`, `node bin/subtensor-emu.js
// --dev`, npx) starts itself once more as a child with the flag: the child inherits stdio, this process
// passes SIGINT/SIGTERM/SIGHUP on, exits with the child's code (or dies of its signal), and the child
// stops itself if this process is killed outright (SIGKILL). Anyone giving Node flags (`node
// --max-semi-space-size=16 bin/subtensor-emu.js`, NODE_OPTIONS, --inspect, --cpu-prof) gets exactly
// one process, with their flags only; the e2e harness passes the flag itself, so the pid it signals
// is the node. Subcommands (key, apply, advance, build-spec, …) are short-lived: no second process.

const self = fileURLToPath(import.meta.url)
const root = join(dirname(self), '..')
const bundle = join(root, 'dist', 'cli.mjs')
const PARENT_ENV = 'SUBTENSOR_EMU_PARENT_PID'
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP']

function newestSource(dir) {
  let newest = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs)
  }
  return newest
}

async function run() {
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource(join(root, 'src'))) {
    await import(pathToFileURL(bundle).href)
  } else {
    const { register } = await import('tsx/esm/api')
    register()
    await import(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href)
  }
}

/** Runs this file again as a child with the young-generation flag and mirrors it (see above). */
function relaunch() {
  const child = spawn(process.execPath, [YOUNG_GENERATION_FLAG, self, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, [PARENT_ENV]: String(process.pid) },
  })
  for (const sig of FORWARDED) process.on(sig, () => { child.kill(sig) })
  child.on('error', (e) => { console.error(`subtensor-emu: could not start the node: ${e.message}`); process.exit(1) })
  child.on('exit', (code, signal) => {
    if (signal === null) process.exit(code ?? 1)
    for (const sig of FORWARDED) process.removeAllListeners(sig)
    process.kill(process.pid, signal)
    // A signal this process ignores (Node ignores SIGPIPE): end with the shell's code for it.
    setTimeout(() => process.exit(128 + (constants.signals[signal] ?? 0)), 100)
  })
}

const parentPid = process.env[PARENT_ENV]
if (parentPid !== undefined) {
  delete process.env[PARENT_ENV]
  // The relaunched child: stop as on SIGTERM when the parent is gone (it got SIGKILL).
  if (String(process.ppid) === parentPid) {
    setInterval(() => { if (String(process.ppid) !== parentPid) process.kill(process.pid, 'SIGTERM') }, 500).unref()
  }
  await run()
} else if (process.execArgv.length === 0 && !process.env.NODE_OPTIONS?.trim() &&
    (process.argv[2] === undefined || process.argv[2].startsWith('-'))) {
  relaunch()
} else {
  await run()
}
