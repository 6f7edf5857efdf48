// The event-stream parser (src/main/page/js/sse.js), with node's test runner.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEvents } from '../../main/page/js/sse.js';

test('complete events come out, an incomplete one waits for the rest', () => {
  const { events, rest } = parseEvents('id:a.1\nevent:change\ndata:{"changed":["week"]}\n\nid:a.2\nevent:cha');
  assert.deepEqual(events, [{ id: 'a.1', event: 'change', data: '{"changed":["week"]}' }]);
  assert.equal(rest, 'id:a.2\nevent:cha');
  const more = parseEvents(rest + 'nge\ndata:{}\n\n');
  assert.deepEqual(more.events, [{ id: 'a.2', event: 'change', data: '{}' }]);
  assert.equal(more.rest, '');
});

test('heartbeats (comments) are no events; a space after the colon is not data', () => {
  const { events } = parseEvents(':ping\n\nevent: ready\nid: x.0\ndata: {}\n\n');
  assert.deepEqual(events, [{ id: 'x.0', event: 'ready', data: '{}' }]);
});

test('data on several lines is joined, CRLF is a line end', () => {
  const { events } = parseEvents('data:one\r\ndata:two\r\n\r\n');
  assert.deepEqual(events, [{ id: null, event: 'message', data: 'one\ntwo' }]);
});
