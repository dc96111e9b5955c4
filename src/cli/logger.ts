// pino in Substrate's console style: "2026-11-26 11:40:00 ✨ Imported #12 (0xab…)".
import pino, { type Logger, type LevelWithSilent } from 'pino'
import pretty from 'pino-pretty'

const LEVELS: Record<string, LevelWithSilent> = {
  trace: 'trace', debug: 'debug', info: 'info', warn: 'warn', error: 'error', off: 'silent',
}

/** `-l/--log` values: `level` or `target=level` (comma separated); targets share one level here. */
export function parseLogLevel(directives: string[] | undefined): LevelWithSilent {
  let level: LevelWithSilent = 'info'
  for (const d of (directives ?? []).flatMap((x) => x.split(','))) {
    const lv = d.includes('=') ? d.split('=')[1]! : d
    const l = LEVELS[lv.toLowerCase()]
    if (!l) throw new Error(`invalid log level "${lv}" (expected one of ${Object.keys(LEVELS).join(', ')})`)
    level = l
  }
  return level
}

export function createLogger(level: LevelWithSilent): Logger {
  const stream = pretty({
    sync: true,
    colorize: process.stderr.isTTY,
    translateTime: 'SYS:yyyy-mm-dd HH:MM:ss',
    ignore: 'pid,hostname',
    destination: 2,
  })
  return pino({ level, base: undefined }, stream)
}
