import { createHash } from 'node:crypto';
import type { DeadLetterRow } from './writer';

/** The bytes of a rejected message kept to look at; its size and SHA-256 identify the whole. */
export const KEPT_BYTES = 1024;
/**
 * DATA that came before its BIRTH (`no_birth`) is read again once the BIRTH is in (replay.ts), so it is kept whole —
 * up to this size, more than any real Sparkplug DATA message; a larger one is kept like any other dead letter.
 */
export const NO_BIRTH_KEPT_BYTES = 256 * 1024;
/** Reasons whose messages are data the no-loss promise covers: never rate-limited. */
const REPLAYABLE = new Set(['no_birth']);
/**
 * A station's report of a unit or an AGV's answer that the production or logistics rules refuse (`unit_*`, `agv_*`:
 * a second completion, an unknown serial, a report without one, an answer to an order never sent). Refusals of data
 * are stored, every one, never only counted (the no-loss rule): someone has to put that unit's record right. What is
 * bounded instead: each row (KEPT_BYTES of the message, the detail), the message's bytes kept once however many of its
 * reports were refused, and the log — one warning a minute at most, with the count by reason.
 */
export const isDataRefusal = (reason: string) => reason.startsWith('unit_') || reason.startsWith('agv_');

/** A dead letter as stored: the payload capped, its size and hash, or a summary row standing for `messages`. */
export interface StoredDeadLetter {
  at: number;
  topic: string;
  reason: string;
  detail: string;
  payload: Buffer | null;
  /** The whole message's size in bytes; null on a summary row. */
  size: number | null;
  sha256: string | null;
  truncated: boolean;
  /** How many rejected messages the row stands for: 1, or n on a summary row of n messages counted, not stored. */
  messages: number;
  /** A summary row's key (reason, minute, topic): later batches of the same minute add to it. */
  summaryKey: string | null;
}

export interface DeadLetterLimits {
  /** Dead letters stored whole per topic and reason per minute; the rest are counted in a summary row. */
  perTopicPerMinute: number;
  /** Dead letters stored per minute over all topics (a flood over many topics). */
  perMinute: number;
  /** Topics tracked at once; past it a new topic counts as over the overall limit. */
  maxTopics: number;
}

export const DEFAULT_DEAD_LETTER_LIMITS: DeadLetterLimits = { perTopicPerMinute: 30, perMinute: 600, maxTopics: 10_000 };
const MINUTE = 60_000;
/** The topic of the summary row of dead letters over the overall limit. */
export const MANY_TOPICS = '(many topics)';

interface Bucket {
  tokens: number;
  at: number;
}

/** The stored form of one rejected message: at most KEPT_BYTES of it (NO_BIRTH_KEPT_BYTES for no_birth). */
export function capped(d: DeadLetterRow): StoredDeadLetter {
  const p = d.payload;
  const keep = REPLAYABLE.has(d.reason) && p && p.length <= NO_BIRTH_KEPT_BYTES ? p.length : KEPT_BYTES;
  return {
    at: d.at,
    topic: d.topic.slice(0, 1000),
    reason: d.reason,
    detail: d.detail.slice(0, 2000),
    payload: p ? p.subarray(0, keep) : null,
    size: p ? p.length : null,
    sha256: p ? createHash('sha256').update(p).digest('hex') : null,
    truncated: !!p && p.length > keep,
    messages: 1,
    summaryKey: null,
  };
}

/**
 * Keeps a flood of rejected messages from filling the disk: each (topic, reason) stores up to a number per
 * minute (a token bucket), all topics together up to another; what is over is counted in one summary row per
 * (reason, topic, minute) — or per (reason, minute) past the overall limit — written in the same transaction, so
 * every rejected message is counted before it is acknowledged. The topic names the sender: with per-node ACLs
 * (the embedded broker, docs/broker.md) a client can publish only under its own node's topics.
 */
export class DeadLetterLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly overall: Bucket;
  /** Suppressed since the last log line, for a rate-limited warning. */
  private unlogged = { messages: 0, topics: new Set<string>(), since: 0 };
  /** Data refusals stored since the last log line about them. */
  private refusals = { messages: 0, reasons: new Map<string, number>(), topics: new Set<string>(), since: 0 };

  constructor(private readonly limits: DeadLetterLimits = DEFAULT_DEAD_LETTER_LIMITS) {
    this.overall = { tokens: limits.perMinute, at: 0 };
  }

  /** The rows to store for these rejected messages, and how many were only counted. */
  admit(rows: DeadLetterRow[], now: number): { stored: StoredDeadLetter[]; suppressed: number } {
    const stored: StoredDeadLetter[] = [];
    const summaries = new Map<string, StoredDeadLetter>();
    let suppressed = 0;
    // The messages whose bytes a refusal of this call already keeps: a message with many refused reports is kept once.
    const kept = new Set<Buffer>();
    for (const d of rows) {
      if (REPLAYABLE.has(d.reason)) {
        stored.push(capped(d));
        continue;
      }
      if (isDataRefusal(d.reason)) {
        stored.push(this.refusal(d, kept));
        continue;
      }
      const key = `${d.reason}\u0000${d.topic}`;
      const own = this.bucket(key, now);
      const overall = this.refill(this.overall, this.limits.perMinute, now);
      if (own && own.tokens >= 1 && overall.tokens >= 1) {
        own.tokens--;
        overall.tokens--;
        stored.push(capped(d));
        continue;
      }
      suppressed++;
      const topic = own && own.tokens < 1 ? d.topic.slice(0, 1000) : MANY_TOPICS;
      const minute = Math.floor(now / MINUTE) * MINUTE;
      const summaryKey = `${d.reason} ${new Date(minute).toISOString()} ${topic}`;
      const s = summaries.get(summaryKey);
      if (s) s.messages++;
      else
        summaries.set(summaryKey, {
          at: minute,
          topic,
          reason: d.reason,
          detail:
            `rejected messages over the limit (${topic === MANY_TOPICS ? `${this.limits.perMinute} a minute in all` : `${this.limits.perTopicPerMinute} a minute for this topic`}): counted, not stored; the last: ${d.detail}`.slice(
              0,
              2000,
            ),
          payload: null,
          size: null,
          sha256: null,
          truncated: false,
          messages: 1,
          summaryKey,
        });
      this.unlogged.messages++;
      if (this.unlogged.topics.size < 5) this.unlogged.topics.add(d.topic.slice(0, 200));
    }
    return { stored: [...stored, ...summaries.values()], suppressed };
  }

  /** A warning about suppressed dead letters, at most once a minute (the log must not flood either). */
  logLine(now: number): { suppressed: number; topics: string[] } | null {
    if (!this.unlogged.messages || now - this.unlogged.since < MINUTE) return null;
    const line = { suppressed: this.unlogged.messages, topics: [...this.unlogged.topics] };
    this.unlogged = { messages: 0, topics: new Set(), since: now };
    return line;
  }

  /** A warning about the data refusals stored, at most once a minute: how many, by reason, and some of their topics. */
  refusalLine(now: number): { refused: number; reasons: Record<string, number>; topics: string[] } | null {
    const r = this.refusals;
    if (!r.messages || now - r.since < MINUTE) return null;
    const line = { refused: r.messages, reasons: Object.fromEntries(r.reasons), topics: [...r.topics] };
    this.refusals = { messages: 0, reasons: new Map(), topics: new Set(), since: now };
    return line;
  }

  private refusal(d: DeadLetterRow, kept: Set<Buffer>): StoredDeadLetter {
    const r = this.refusals;
    r.messages++;
    // Reasons are the code's own (a closed set), so this map stays small.
    r.reasons.set(d.reason, (r.reasons.get(d.reason) ?? 0) + 1);
    if (r.topics.size < 5) r.topics.add(d.topic.slice(0, 200));
    const row = capped(d);
    if (!d.payload || !row.payload) return row;
    if (!kept.has(d.payload)) {
      kept.add(d.payload);
      return row;
    }
    // Its size and SHA-256 name the message; its bytes are in the row of its first refused report.
    return { ...row, payload: null, truncated: true };
  }

  private refill(b: Bucket, perMinute: number, now: number): Bucket {
    b.tokens = Math.min(perMinute, b.tokens + ((now - b.at) / MINUTE) * perMinute);
    b.at = now;
    return b;
  }

  /** The topic's bucket; null when too many topics are tracked (counted against the overall limit instead). */
  private bucket(key: string, now: number): Bucket | null {
    const per = this.limits.perTopicPerMinute;
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.limits.maxTopics) {
        // Forget the topics that are quiet again (their buckets refilled); a flood over ever-new topics stays over.
        for (const [k, x] of this.buckets) if (this.refill(x, per, now).tokens >= per) this.buckets.delete(k);
        if (this.buckets.size >= this.limits.maxTopics) return null;
      }
      b = { tokens: per, at: now };
      this.buckets.set(key, b);
    }
    return this.refill(b, per, now);
  }
}
