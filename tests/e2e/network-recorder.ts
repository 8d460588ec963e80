import { createServer, request as httpRequest } from 'node:http';

/**
 * A recording proxy for the whole browser: started with `--proxy-server` and
 * `--proxy-bypass-list=<-loopback>`, every HTTP request, HTTPS tunnel and WebSocket the browser opens
 * (from any page, worker or the browser itself) passes through here and is written down. Requests to
 * the one allowed origin (the local practice site) are passed on; anything else is refused.
 */
export async function startRecordingProxy(allowedOrigin: string) {
  const seen: string[] = [];
  const bodies: string[] = [];
  const server = createServer((incoming, outgoing) => {
    seen.push(`${incoming.method} ${incoming.url}`);
    incoming.on('data', (chunk: Buffer) => bodies.push(chunk.toString('latin1')));
    let target: URL;
    try {
      target = new URL(incoming.url ?? '');
    } catch {
      outgoing.writeHead(400).end();
      return;
    }
    if (target.origin !== allowedOrigin) {
      outgoing.writeHead(403, { 'content-type': 'text/plain' }).end('Refused by the test proxy');
      return;
    }
    const headers: Record<string, string | string[] | undefined> = {
      ...incoming.headers,
      connection: 'close',
    };
    delete headers['proxy-connection'];
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: incoming.method,
        headers,
      },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(upstream);
  });
  server.on('connect', (incoming, socket) => {
    seen.push(`CONNECT ${incoming.url}`);
    socket.destroy();
  });
  server.on('upgrade', (incoming, socket) => {
    seen.push(`UPGRADE ${incoming.url}`);
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    seen,
    /** Whether any request line or body contains this text (say, the extension's id). */
    mentions: (text: string) =>
      seen.some((line) => line.includes(text)) || bodies.some((b) => b.includes(text)),
    /** Everything that was not a request to the allowed origin. */
    foreign: () => seen.filter((line) => !line.startsWith(`GET ${allowedOrigin}/`)),
    browserArgs: [`--proxy-server=http://127.0.0.1:${port}`, '--proxy-bypass-list=<-loopback>'],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
