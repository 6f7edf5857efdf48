// The text/event-stream format, pure: complete events out of what has arrived so far, the rest kept
// for when more arrives. Comment lines (heartbeats) are skipped. Node tests: src/test/page/sse.test.mjs.

/**
 * @param text what has arrived and not yet been parsed
 * @returns {{events: {id: string|null, event: string, data: string}[], rest: string}}
 */
export function parseEvents(text) {
  const normalized = text.replace(/\r\n?/g, '\n');
  const blocks = normalized.split('\n\n');
  const rest = blocks.pop();
  const events = [];
  for (const block of blocks) {
    let id = null;
    let event = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length || id !== null) events.push({ id, event, data: data.join('\n') });
  }
  return { events, rest };
}
