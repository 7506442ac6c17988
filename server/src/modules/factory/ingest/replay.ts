import { parseTopic } from '../sparkplug/topic';
import type { HostLike, HostResult } from './pipeline';

/** A data topic whose messages were set aside for want of a BIRTH, and how to read them now that it is in. */
export interface Unblocked {
  dataTopic: string;
  /** The message's host result against the BIRTH; null when it still cannot be read (it stays a dead letter). */
  read(payload: Buffer, at: number): HostResult | null;
}

/**
 * DATA that arrived before the host application knew its BIRTH: the alias tables live in memory, so a restarted
 * ingest meets the broker's backlog of DDATA (and the redelivered in-flight ones) without them. The host
 * dead-letters those as `no_birth` — committed and acknowledged, nothing waits in the broker's in-flight window —
 * and asks the edge node for a rebirth. Without more, every point the broker had acknowledged to the edge node
 * while the ingest was away ended there. This remembers which data topics were set aside, and once the BIRTH
 * that resolves them is committed, names them for re-reading with a host primed on that NBIRTH and DBIRTH.
 * (Edge nodes keep their aliases across rebirths; a message that no longer resolves stays a dead letter.)
 */
export class AwaitingBirth {
  /** Latest accepted NBIRTH per group/node. */
  private readonly nodeBirths = new Map<string, { topic: string; payload: Buffer }>();
  /** DDATA/NDATA topics with no_birth dead letters from this process. */
  private readonly waiting = new Set<string>();

  constructor(private readonly newHost: () => HostLike) {}

  /** Every message, after the host handled it: cheap unless it is an NBIRTH or was set aside. */
  note(topic: string, payload: Buffer, result: HostResult): void {
    if (result.deadLetters.length) {
      if (result.deadLetters.some((d) => d.reason === 'no_birth')) {
        const t = parseTopic(topic);
        if (t?.kind === 'sparkplug' && (t.messageType === 'DDATA' || t.messageType === 'NDATA')) this.waiting.add(topic);
      }
      return;
    }
    if (topic.includes('/NBIRTH/')) {
      const t = parseTopic(topic);
      if (t?.kind === 'sparkplug' && t.messageType === 'NBIRTH') this.nodeBirths.set(`${t.group}/${t.node}`, { topic, payload });
    }
  }

  /** After a committed message: the data topics it unblocks (its own device's for a DBIRTH, the node's for an NBIRTH). */
  unblocked(topic: string, payload: Buffer): Unblocked[] {
    if (!this.waiting.size || !topic.includes('BIRTH/')) return [];
    const t = parseTopic(topic);
    if (t?.kind !== 'sparkplug' || (t.messageType !== 'NBIRTH' && t.messageType !== 'DBIRTH')) return [];
    const nbirth = this.nodeBirths.get(`${t.group}/${t.node}`);
    if (!nbirth) return [];
    const dataTopic = t.messageType === 'NBIRTH' ? `spBv1.0/${t.group}/NDATA/${t.node}` : `spBv1.0/${t.group}/DDATA/${t.node}/${t.device}`;
    if (!this.waiting.delete(dataTopic)) return [];
    let host: HostLike | null = null;
    return [
      {
        dataTopic,
        read: (data, at) => {
          if (!host) {
            host = this.newHost();
            host.read(nbirth.topic, nbirth.payload, at);
            if (t.messageType === 'DBIRTH') host.read(topic, payload, at);
          }
          const r = host.read(dataTopic, data, at);
          return r.deadLetters.length ? null : { ...r, events: [], commands: [] };
        },
      },
    ];
  }

  /** Re-reading failed (the database was away): try again with the next BIRTH. */
  stillWaiting(dataTopic: string): void {
    this.waiting.add(dataTopic);
  }
}
