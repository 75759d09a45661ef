/**
 * A request written by hand on a socket to 127.0.0.1, for what an HTTP client library will not
 * send: a chunked body that is never finished.
 */
import net from "node:net";

export interface UnfinishedAnswer {
  /** The answer's status, read while the request body was still open. */
  status: number;
  /** The answer's head (status line and headers), lower-cased. */
  head: string;
  /** Resolves when the server closes the connection (it reads no more of the body). */
  closed: Promise<void>;
  destroy(): void;
}

/**
 * POSTs `path` with `Transfer-Encoding: chunked`, one chunk of `chunkBytes` bytes and no final
 * chunk, and waits for an answer. Rejects when none came within `limitMs` (a server that reads
 * the whole body first never answers, since the body never ends).
 */
export function postUnfinishedChunked(options: {
  port: number;
  path: string;
  contentType: string;
  chunkBytes: number;
  limitMs: number;
}): Promise<UnfinishedAnswer> {
  const { port, path, contentType, chunkBytes, limitMs } = options;
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    let answered = false;
    const closed = new Promise<void>((done) => socket.once("close", () => done()));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${path} within ${limitMs} ms while its body was streaming`));
    }, limitMs);
    socket.on("error", () => undefined);
    socket.on("data", (data: Buffer) => {
      if (answered) return;
      received += data.toString("latin1");
      const end = received.indexOf("\r\n\r\n");
      if (end === -1) return;
      answered = true;
      clearTimeout(timer);
      const head = received.slice(0, end).toLowerCase();
      resolve({
        status: Number(head.split(" ")[1]),
        head,
        closed,
        destroy: () => socket.destroy(),
      });
    });
    socket.once("connect", () => {
      socket.write(
        [
          `POST ${path} HTTP/1.1`,
          `Host: 127.0.0.1:${port}`,
          `Content-Type: ${contentType}`,
          "Transfer-Encoding: chunked",
          "",
          "",
        ].join("\r\n"),
      );
      const body = `{"items":[${" ".repeat(chunkBytes - 10)}`;
      socket.write(`${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n`);
    });
  });
}
