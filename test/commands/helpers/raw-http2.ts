/**
 * A bare node:http2 server on 127.0.0.1 with an OS-chosen port, for endpoints that are not (or
 * not quite) gRPC servers: each request stream is handed to `onStream`. `close()` destroys the
 * open sessions and stops the server.
 */
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';

export interface RawHttp2Server {
  readonly endpoint: string;
  close(): Promise<void>;
}

export async function startRawHttp2(onStream: (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders) => void): Promise<RawHttp2Server> {
  const server = http2.createServer();
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (s) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });
  server.on('stream', onStream);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sessions) s.destroy();
        server.close(() => resolve());
      }),
  };
}
