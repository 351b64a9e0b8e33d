"""Sandbox side of the MLE-Smith LLM proxy: forwards 127.0.0.1:<port> to the proxy's unix socket.

A sandbox has no network; its only way out is the unix socket the host mounted into it. Most
agents want a plain http:// base URL, so this relay listens on loopback inside the sandbox and
copies bytes both ways. It adds nothing: no key, no policy (the host-side proxy holds both).
Standard library only.
"""
import socket
import socketserver
import threading


def _pump(src, dst):
    try:
        while True:
            chunk = src.recv(65536)
            if not chunk:
                break
            dst.sendall(chunk)
    except OSError:
        pass
    finally:
        try:
            dst.shutdown(socket.SHUT_WR)
        except OSError:
            pass


class _Relay(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def start_relay(socket_path, port=0):
    """Listens on 127.0.0.1:port (0 picks a free one) in a daemon thread; returns the port."""

    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                upstream.connect(socket_path)
            except OSError as err:
                body = ('{"error":{"message":"mle-smith llm relay: cannot reach the proxy socket: %s",'
                        '"type":"proxy_unreachable","code":"proxy_unreachable"}}' % str(err).replace('"', "'"))
                self.request.sendall(('HTTP/1.1 502 Bad Gateway\r\ncontent-type: application/json\r\n'
                                      'content-length: %d\r\nconnection: close\r\n\r\n%s' % (len(body), body)).encode())
                return
            back = threading.Thread(target=_pump, args=(upstream, self.request), daemon=True)
            back.start()
            _pump(self.request, upstream)
            back.join()
            upstream.close()

    server = _Relay(('127.0.0.1', port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]
