import type mcl from 'mcl-wasm'

export declare const QUICKNET_DST: string
export declare function initMcl(m: typeof mcl): Promise<void>
