// Reading a scenario file: YAML or JSON (JSON is YAML 1.2, so one parser reads both), then the
// schema check. Every problem comes out as a ScenarioError naming the file and the field.
import { readFileSync } from 'node:fs'
import { parse, YAMLParseError } from 'yaml'
import { parseScenario, ScenarioError, type Scenario } from './schema.js'

/** The document in `text` (YAML or JSON), not yet validated. */
export function parseScenarioText(text: string, source: string): unknown {
  try {
    return parse(text, { prettyErrors: true, uniqueKeys: true })
  } catch (e) {
    const where = e instanceof YAMLParseError && e.linePos ? ` line ${e.linePos[0].line}, column ${e.linePos[0].col}` : ''
    throw new ScenarioError('', `${source}:${where} ${(e as Error).message.split('\n')[0]}`)
  }
}

export function readScenarioDocument(file: string): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new ScenarioError('', `cannot read ${file}: ${(e as Error).message}`)
  }
  return parseScenarioText(text, file)
}

export const loadScenarioFile = (file: string): Scenario => parseScenario(readScenarioDocument(file))
