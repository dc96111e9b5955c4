export declare const YOUNG_GENERATION_FLAG: string
