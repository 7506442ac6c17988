/** What the load generator's process reports back: its totals and every message the broker acknowledged. */
export interface LoadReport {
  published: number;
  acknowledged: number;
  acknowledgedPoints: number;
  failed: number;
  durationMs: number;
  maxInflight: number;
  /** Device ids by index. */
  devices: string[];
  log: {
    length: number;
    deviceIndex: Uint32Array;
    /** 1, 2, 3 … per device; also metric m01's value. */
    msgNo: Uint32Array;
    /** Payload timestamp (ms): with the device, the message's key, and the rows' ts. */
    timestamp: Float64Array;
    points: Uint16Array;
    /** Wall clock, ms since the epoch. */
    publishedAt: Float64Array;
    ackedAt: Float64Array;
  };
}
