// `key generate-node-key` and `key inspect-node-key`, as Substrate's: the secret goes to the file
// (or stdout, as hex), the peer id to stderr (generate) or stdout (inspect).
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { nodeKeyFromSecret, readNodeKeyFile } from '../node/node-key.js'

export function generateNodeKey(o: { file?: string; bin?: boolean }): void {
  const secret = new Uint8Array(randomBytes(32))
  const key = nodeKeyFromSecret(secret)
  const hex = Buffer.from(secret).toString('hex')
  if (o.file) writeFileSync(o.file, o.bin ? secret : hex, { mode: 0o600 })
  else if (o.bin) process.stdout.write(secret)
  else process.stdout.write(hex + '\n')
  process.stderr.write(key.peerId + '\n')
}

export function inspectNodeKey(o: { file: string }): void {
  process.stdout.write(nodeKeyFromSecret(readNodeKeyFile(o.file)).peerId + '\n')
}
