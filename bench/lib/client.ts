// A JSON-RPC WebSocket client for benchmarks: request pipelining, per-request latency, subscriptions.
import WebSocket from 'ws'

/** One WebSocket with request pipelining and per-request latency. */
export class Client {
  private next = 1
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; t0: number }>()
  readonly latencies: number[] = []
  private readonly subs = new Map<string, (r: unknown) => void>()
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { id?: number; result?: unknown; error?: { message: string }; params?: { subscription: string; result: unknown } }
      if (m.id === undefined) { if (m.params) this.subs.get(m.params.subscription)?.(m.params.result); return }
      const w = this.waiting.get(m.id)!
      this.waiting.delete(m.id)
      this.latencies.push(performance.now() - w.t0)
      if (m.error) w.reject(new Error(m.error.message)); else w.resolve(m.result)
    })
  }
  static async open(url: string): Promise<Client> {
    const ws = new WebSocket(url)
    await new Promise((r, j) => { ws.once('open', r); ws.once('error', j) })
    return new Client(ws)
  }
  call<T>(method: string, params: unknown[] = []): Promise<T> {
    const id = this.next++
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject, t0: performance.now() })
      this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }))
    })
  }
  async subscribe(method: string, params: unknown[], cb: (r: unknown) => void): Promise<void> {
    const id = await this.call<string>(method, params)
    this.subs.set(id, cb)
  }
  close(): void { this.ws.close() }
}
