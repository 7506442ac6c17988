/**
 * The MQTT topics the ingestion understands. Pure string work, no I/O.
 *
 * Three formats:
 * - Sparkplug B v3.0:   spBv1.0/{group}/{NBIRTH|NDATA|NDEATH|NCMD}/{node}
 *                       spBv1.0/{group}/{DBIRTH|DDATA|DDEATH|DCMD}/{node}/{device}
 * - Sparkplug host STATE (v3.0): spBv1.0/STATE/{hostId}
 * - The platform's JSON format for simple devices: gb/v1/{group}/{device}
 *   (payload described in docs/json-device-format.md and parsed by codec.ts#parseJsonPayload).
 *
 * Every id is a non-empty UTF-8 string without '+', '#' or '/' (Sparkplug §4.1.1; the same rule for the JSON
 * format so that its ids can be used in topic filters too). Anything else parses to `null`.
 */

export const SPARKPLUG_NAMESPACE = 'spBv1.0';
export const JSON_NAMESPACE = 'gb/v1';

export const NODE_MESSAGE_TYPES = ['NBIRTH', 'NDATA', 'NDEATH', 'NCMD'] as const;
export const DEVICE_MESSAGE_TYPES = ['DBIRTH', 'DDATA', 'DDEATH', 'DCMD'] as const;
export type NodeMessageType = (typeof NODE_MESSAGE_TYPES)[number];
export type DeviceMessageType = (typeof DEVICE_MESSAGE_TYPES)[number];
export type SparkplugMessageType = NodeMessageType | DeviceMessageType;

export type ParsedTopic =
  | { kind: 'sparkplug'; messageType: NodeMessageType; group: string; node: string; device: null }
  | { kind: 'sparkplug'; messageType: DeviceMessageType; group: string; node: string; device: string }
  | { kind: 'state'; hostId: string }
  | { kind: 'json'; group: string; device: string };

const NODE_TYPES: ReadonlySet<string> = new Set(NODE_MESSAGE_TYPES);
const DEVICE_TYPES: ReadonlySet<string> = new Set(DEVICE_MESSAGE_TYPES);

/** A valid Sparkplug id: non-empty, none of the MQTT wildcards, no separator, no NUL (MQTT forbids U+0000). */
export function isValidId(id: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is the point: MQTT forbids it in a topic.
  return id.length > 0 && !/[+#/\u0000]/.test(id);
}

export function parseTopic(topic: string): ParsedTopic | null {
  const parts = topic.split('/');
  if (parts[0] === SPARKPLUG_NAMESPACE) {
    // The v3.0 host STATE topic. A group literally named "STATE" cannot be told apart from it at this length,
    // which is why the specification reserves the name.
    if (parts[1] === 'STATE' && parts.length === 3) return isValidId(parts[2]) ? { kind: 'state', hostId: parts[2] } : null;
    if (parts.length !== 4 && parts.length !== 5) return null;
    const [, group, type, node, device] = parts;
    if (!isValidId(group) || !isValidId(node)) return null;
    if (parts.length === 4 && NODE_TYPES.has(type)) {
      return { kind: 'sparkplug', messageType: type as NodeMessageType, group, node, device: null };
    }
    if (parts.length === 5 && DEVICE_TYPES.has(type) && isValidId(device)) {
      return { kind: 'sparkplug', messageType: type as DeviceMessageType, group, node, device };
    }
    return null;
  }
  if (parts[0] === 'gb' && parts[1] === 'v1' && parts.length === 4) {
    const [, , group, device] = parts;
    return isValidId(group) && isValidId(device) ? { kind: 'json', group, device } : null;
  }
  return null;
}

function assertIds(ids: Record<string, string>): void {
  for (const [what, id] of Object.entries(ids)) {
    if (!isValidId(id)) throw new Error(`invalid Sparkplug ${what}: ${JSON.stringify(id)}`);
  }
}

/** The topic of a Node Control command (e.g. the Rebirth request) to one edge node. */
export function nodeCommandTopic(group: string, node: string): string {
  assertIds({ group, node });
  return `${SPARKPLUG_NAMESPACE}/${group}/NCMD/${node}`;
}

/** The v3.0 STATE topic of a host application: its birth and its MQTT will are both published here. */
export function stateTopic(hostId: string): string {
  assertIds({ hostId });
  return `${SPARKPLUG_NAMESPACE}/STATE/${hostId}`;
}
