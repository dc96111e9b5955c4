// Subcommands that drive a running node over JSON-RPC: `apply <scenario>` and `advance`.
import type { Command } from 'commander'
export function registerDevCommands(_program: Command): void {}
