import type { MachineState, StopReason } from './oee';

export interface StateInterval {
  state: MachineState;
  /** A down state's alarm code. */
  reason?: number | null;
  /** epoch ms */
  start: number;
  /** epoch ms; null while it lasts (clipped to `now` by the caller) */
  end: number | null;
}
export interface Span {
  start: number;
  end: number;
}

const overlap = (a: Span, b: Span) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

/**
 * Seconds of each state inside `window`, leaving out the planned stops (breaks) — planned stop time is counted
 * separately, whatever state the machine reported in it. Time with no state at all counts as offline — but only
 * from `monitoredSince`, the device's first state ever: before it was connected there is nothing to lose, so that
 * time is not scheduled at all (null: never connected, nothing scheduled).
 */
export function stateSeconds(intervals: StateInterval[], window: Span, breaks: Span[], now: number, monitoredSince?: number | null) {
  const totals: Record<MachineState, number> = { running: 0, idle: 0, down: 0, setup: 0, planned_stop: 0, offline: 0 };
  if (monitoredSince !== undefined) window = { start: Math.max(window.start, monitoredSince ?? Infinity), end: window.end };
  if (!(window.start < window.end)) return { totals, breakS: 0, elapsedS: 0 };
  const clippedBreaks = mergeSpans(breaks.map((b) => ({ start: Math.max(b.start, window.start), end: Math.min(b.end, window.end) })).filter((b) => b.end > b.start));
  const end = Math.min(window.end, now);
  let covered = 0;
  for (const iv of intervals) {
    const span = { start: Math.max(iv.start, window.start), end: Math.min(iv.end ?? now, end) };
    if (span.end <= span.start) continue;
    const inBreaks = clippedBreaks.reduce((s, b) => s + overlap(span, b), 0);
    totals[iv.state] += (span.end - span.start - inBreaks) / 1000;
    covered += span.end - span.start - inBreaks;
  }
  const breakMs = clippedBreaks.reduce((s, b) => s + overlap({ start: window.start, end }, b), 0);
  const elapsed = Math.max(0, end - window.start) - breakMs;
  totals.offline += Math.max(0, elapsed - covered) / 1000;
  return { totals, breakS: breakMs / 1000, elapsedS: Math.max(0, end - window.start) / 1000 };
}

export function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** Failures (down intervals starting inside the window) for MTBF/MTTR. */
export const failuresIn = (intervals: StateInterval[], window: Span) => intervals.filter((i) => i.state === 'down' && i.start >= window.start && i.start < window.end).length;

/**
 * Units made in a window from a cumulative counter's samples (time-ordered): the sum of increases, where a
 * decrease means the counter restarted from zero (a PLC restart) and its new value counts as made.
 */
export function counterIncrease(samples: { ts: number; value: number }[], baseline: number | null): number {
  let prev = baseline;
  let made = 0;
  for (const s of samples) {
    if (prev === null) {
      prev = s.value;
      continue;
    }
    made += s.value >= prev ? s.value - prev : s.value;
    prev = s.value;
  }
  return made;
}

/**
 * Unplanned stop time by cause inside `window` (the same clipping as `stateSeconds`: breaks left out, nothing
 * before `monitoredSince`, up to `now`): down time per alarm code, setup, idle (small stops), and time with no state
 * (offline) from the first report on. `count` is the stops of the cause that began inside the window.
 */
export function stopReasons(intervals: StateInterval[], window: Span, breaks: Span[], now: number, monitoredSince?: number | null): StopReason[] {
  if (monitoredSince !== undefined) window = { start: Math.max(window.start, monitoredSince ?? Infinity), end: window.end };
  const end = Math.min(window.end, now);
  if (!(window.start < end)) return [];
  const clippedBreaks = mergeSpans(breaks.map((b) => ({ start: Math.max(b.start, window.start), end: Math.min(b.end, end) })).filter((b) => b.end > b.start));
  const by = new Map<string, StopReason>();
  const add = (state: StopReason['state'], code: number | null, span: Span, began: boolean) => {
    const ms = span.end - span.start - clippedBreaks.reduce((s, b) => s + overlap(span, b), 0);
    const key = `${state}:${code ?? ''}`;
    const r = by.get(key) ?? { state, code, seconds: 0, count: 0 };
    r.seconds += Math.max(0, ms) / 1000;
    if (began) r.count++;
    by.set(key, r);
  };
  const stateTotals = stateSeconds(intervals, window, breaks, now);
  for (const iv of intervals) {
    if (iv.state !== 'down' && iv.state !== 'setup' && iv.state !== 'idle') continue;
    const span = { start: Math.max(iv.start, window.start), end: Math.min(iv.end ?? now, end) };
    if (span.end <= span.start) continue;
    add(iv.state, iv.state === 'down' ? (iv.reason ?? null) || null : null, span, iv.start >= window.start);
  }
  if (stateTotals.totals.offline > 0) by.set('offline:', { state: 'offline', code: null, seconds: stateTotals.totals.offline, count: 0 });
  return [...by.values()].filter((r) => r.seconds > 0);
}
