// A fault-injecting HTTP proxy between the app in Chromium and the real server, on 127.0.0.1.
// Every request is passed through unchanged, except the sync requests (`POST /api/sync`) for
// which a fault has been queued: each queued fault applies to the next sync request.
//
// Faults:
// - `reset`: the connection is reset before the request reaches the server (nothing stored).
// - `lost-answer`: the server handles the request (and stores what it acknowledges), then the
//   connection is reset before any byte of its answer reaches the tablet.
// - `cut`: the answer's headers and half of its body reach the tablet, then the connection dies.
// - `delay`: the request waits `ms` before it is passed on (a slow link).
// - `duplicate`: the request reaches the server twice (a retrying middlebox); the tablet gets the
//   second answer.
import http from 'node:http';

/** Starts the proxy in front of `target` (the server's URL); resolves to its controls. */
export async function startFaultProxy(target) {
  const upstream = new URL(target);
  const queue = [];
  const seen = [];
  const server = http.createServer(async (req, res) => {
    const body = await readAll(req);
    const isSync = req.method === 'POST' && req.url === '/api/sync';
    const fault = isSync ? queue.shift() : undefined;
    if (isSync) seen.push(fault?.kind ?? 'none');
    try {
      if (fault?.kind === 'reset') return req.socket.destroy();
      if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
      if (fault?.kind === 'duplicate') await forward(upstream, req, body);
      const answer = await forward(upstream, req, body);
      if (fault?.kind === 'lost-answer') return req.socket.destroy();
      if (fault?.kind === 'cut') {
        res.writeHead(answer.status, answer.headers);
        res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
        // Let the half reach the browser before the connection dies.
        return setTimeout(() => req.socket.destroy(), 50);
      }
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    } catch {
      req.socket.destroy();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** Queues faults, one per coming sync request, e.g. `inject('cut', 'reset')` or `{kind, ms}`. */
    inject(...faults) {
      queue.push(...faults.map((f) => (typeof f === 'string' ? { kind: f } : f)));
    },
    /** Faults queued and not yet applied. */
    pending: () => queue.length,
    /** What each sync request so far met (`none` when it passed untouched). */
    seen: () => [...seen],
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

function readAll(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Sends the request to the server and buffers its whole answer. */
function forward(upstream, req, body) {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
    delete headers.connection;
    const out = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      async (answer) => {
        try {
          const data = await readAll(answer);
          const copied = { ...answer.headers };
          delete copied.connection;
          delete copied['transfer-encoding'];
          copied['content-length'] = String(data.length);
          resolve({ status: answer.statusCode, headers: copied, body: data });
        } catch (err) {
          reject(err);
        }
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}
