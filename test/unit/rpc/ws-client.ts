// A raw JSON-RPC WebSocket client for the method tests: exact frames in, exact frames out.
import WebSocket from 'ws'

export interface RpcResponse {
  jsonrpc: '2.0'
  id: number | string | null
  result?: unknown
  error?: { code: number; message: string; data?: unknown }
}

export interface Notification {
  jsonrpc: '2.0'
  method: string
  params: { subscription: string; result: unknown }
}

export class RawClient {
  private nextId = 1
  private readonly pending = new Map<number, (r: RpcResponse) => void>()
  private readonly notes: Notification[] = []
  private waiters: (() => void)[] = []

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as RpcResponse | Notification
      if ('method' in msg) {
        this.notes.push(msg)
        const w = this.waiters
        this.waiters = []
        for (const f of w) f()
        return
      }
      const cb = this.pending.get(msg.id as number)
      if (cb) {
        this.pending.delete(msg.id as number)
        cb(msg)
      }
    })
  }

  static connect(url: string): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url)
      ws.once('open', () => resolve(new RawClient(ws)))
      ws.once('error', reject)
    })
  }

  /** The whole response object. */
  request(method: string, params: unknown = []): Promise<RpcResponse> {
    const id = this.nextId++
    return new Promise((resolve) => {
      this.pending.set(id, resolve)
      this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }))
    })
  }

  /** The result; fails the test with the error object otherwise. */
  async call<T = unknown>(method: string, params: unknown = []): Promise<T> {
    const r = await this.request(method, params)
    if (r.error) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`)
    return r.result as T
  }

  /** The error object of a call expected to fail. */
  async error(method: string, params: unknown = []): Promise<NonNullable<RpcResponse['error']>> {
    const r = await this.request(method, params)
    if (!r.error) throw new Error(`${method} unexpectedly answered ${JSON.stringify(r.result)}`)
    return r.error
  }

  /** Notifications received so far for one subscription. */
  notifications(subscription: string): Notification[] {
    return this.notes.filter((n) => n.params.subscription === subscription)
  }

  /** Wait until `subscription` has at least `count` notifications (or fail after `ms`). */
  async waitFor(subscription: string, count: number, ms = 5000): Promise<Notification[]> {
    const deadline = Date.now() + ms
    for (;;) {
      const got = this.notifications(subscription)
      if (got.length >= count) return got
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`timed out waiting for ${count} notifications on ${subscription}, have ${got.length}`)
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left)
        this.waiters.push(() => { clearTimeout(t); resolve() })
      })
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve()
      this.ws.once('close', () => resolve())
      this.ws.close()
    })
  }
}
