/** The hostile request of issue 11, item 1: an anonymous setTarget whose input carries undeclared keys. */
export const FLOOD_QUERY = 'mutation($i: SetTargetInput!) { setTarget(input: $i) { id } }';

/** A JSON body of exactly `bytes` bytes: the real fields, then `"fN":N` keys, then one padding key. */
export function floodBody(bytes: number): { body: string; keys: number } {
  const head = `{"query":${JSON.stringify(FLOOD_QUERY)},"variables":{"i":{"metric":"TALENT_HEADCOUNT","year":2034,"value":5`;
  const tail = '}}}';
  const parts: string[] = [head];
  let length = head.length + tail.length;
  let keys = 0;
  // Leave room for the padding key `,"pad":"..."` (at least 10 bytes).
  for (;;) {
    const part = `,"f${keys}":${keys}`;
    if (length + part.length + 10 > bytes) break;
    parts.push(part);
    length += part.length;
    keys++;
  }
  const padding = bytes - length - ',"pad":""'.length;
  parts.push(`,"pad":"${'x'.repeat(padding)}"`, tail);
  const body = parts.join('');
  if (Buffer.byteLength(body) !== bytes) throw new Error(`built ${Buffer.byteLength(body)} bytes, not ${bytes}`);
  return { body, keys: keys + 1 };
}
