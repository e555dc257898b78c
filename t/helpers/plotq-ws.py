#!/usr/bin/env python3
# plotq-ws.py: a WebSocket and HTTP client written from RFC 6455 for the
# monitor tests, exact enough to send what a browser never would.
#
#   plotq-ws.py [-H 'Name: value']... [-p PATH] [-t SECONDS] PORT ACTION...
#
# Connects to 127.0.0.1:PORT, sends a GET PATH (default /ws) upgrade
# with the headers, prints "status N" for the response, and, on 101,
# runs the actions in order, printing one line per thing received:
#   send TEXT        a masked text frame
#   unmasked TEXT    an unmasked text frame (a protocol error from a client)
#   big N            a masked text frame of N bytes
#   binary DATA      a masked binary frame
#   frag A B         a text message in two fragments
#   ping DATA        a ping; prints "pong DATA" when it comes
#   recv             the next frame: "text BODY", "pong DATA", "close CODE"
#   until TYPE [N]   frames until N (1) JSON messages of "type" TYPE came
#                    (prints those only)
#   close CODE       a close frame
#   wait-close       frames until a close: "close CODE" (or "eof")
#   noread N         stop reading for N seconds, holding the connection
# With -g it only does a plain GET and prints "status N" and the body.
# Timeouts print "timeout" and exit 1.
import os
import socket
import struct
import sys
import json
import time

def die(msg):
    print(msg, flush=True)
    sys.exit(1)

def recv_exact(s, n):
    b = b""
    while len(b) < n:
        c = s.recv(n - len(b))
        if not c:
            raise EOFError
        b += c
    return b

def frame(op, payload, mask=True, fin=True):
    h = bytes([(0x80 if fin else 0) | op])
    n = len(payload)
    m = 0x80 if mask else 0
    if n < 126:
        h += bytes([m | n])
    elif n < 65536:
        h += bytes([m | 126]) + struct.pack("!H", n)
    else:
        h += bytes([m | 127]) + struct.pack("!Q", n)
    if mask:
        k = os.urandom(4)
        h += k
        payload = bytes(b ^ k[i % 4] for i, b in enumerate(payload)) \
            if n < 100000 else payload_mask(payload, k)
    return h + payload

def payload_mask(p, k):
    kk = (k * (len(p) // 4 + 1))[:len(p)]
    return (int.from_bytes(p, "big") ^ int.from_bytes(kk, "big")).to_bytes(len(p), "big")

def read_frame(s):
    h = recv_exact(s, 2)
    op = h[0] & 0x0f
    n = h[1] & 0x7f
    if h[1] & 0x80:
        die("masked frame from the server")
    if n == 126:
        n = struct.unpack("!H", recv_exact(s, 2))[0]
    elif n == 127:
        n = struct.unpack("!Q", recv_exact(s, 8))[0]
    return op, recv_exact(s, n)

def show(op, data):
    if op == 1:
        return "text " + data.decode()
    if op == 10:
        return "pong " + data.decode()
    if op == 9:
        return "ping " + data.decode()
    if op == 8:
        code = struct.unpack("!H", data[:2])[0] if len(data) >= 2 else 1005
        return "close %d" % code
    return "op%d" % op

def main():
    a = sys.argv[1:]
    headers, path, tmo, get = [], "/ws", 10.0, False
    while a and a[0].startswith("-"):
        o = a.pop(0)
        if o == "-H":
            headers.append(a.pop(0))
        elif o == "-p":
            path = a.pop(0)
        elif o == "-t":
            tmo = float(a.pop(0))
        elif o == "-g":
            get = True
    port = int(a.pop(0))
    s = socket.create_connection(("127.0.0.1", port), timeout=tmo)
    req = "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % (path, port)
    if not get:
        req += ("Upgrade: websocket\r\nConnection: Upgrade\r\n"
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                "Sec-WebSocket-Version: 13\r\n")
    else:
        req += "Connection: close\r\n"
    for h in headers:
        req += h + "\r\n"
    s.sendall((req + "\r\n").encode())
    head = b""
    try:
        while b"\r\n\r\n" not in head:
            c = s.recv(1)
            if not c:
                break
            head += c
    except socket.timeout:
        die("timeout")
    line = head.split(b"\r\n")[0].decode()
    status = int(line.split()[1]) if len(line.split()) > 1 else 0
    print("status %d" % status, flush=True)
    if get or status != 101:
        body = b""
        try:
            while True:
                c = s.recv(65536)
                if not c:
                    break
                body += c
        except socket.timeout:
            pass
        if get:
            sys.stdout.write(body.decode(errors="replace"))
        return
    if b"s3pPLMBiTxaQ9kYGzzhZRbK+xOo=" not in head:
        die("bad Sec-WebSocket-Accept")
    try:
        while a:
            act = a.pop(0)
            if act == "send":
                s.sendall(frame(1, a.pop(0).encode()))
            elif act == "unmasked":
                s.sendall(frame(1, a.pop(0).encode(), mask=False))
            elif act == "binary":
                s.sendall(frame(2, a.pop(0).encode()))
            elif act == "big":
                s.sendall(frame(1, b"x" * int(a.pop(0))))
            elif act == "frag":
                p1, p2 = a.pop(0).encode(), a.pop(0).encode()
                s.sendall(frame(1, p1, fin=False) + frame(0, p2))
            elif act == "ping":
                s.sendall(frame(9, a.pop(0).encode()))
            elif act == "close":
                s.sendall(frame(8, struct.pack("!H", int(a.pop(0)))))
            elif act == "recv":
                print(show(*read_frame(s)), flush=True)
            elif act == "until":
                want = a.pop(0)
                n = int(a.pop(0)) if a and a[0].isdigit() else 1
                while n > 0:
                    op, data = read_frame(s)
                    if op == 1 and json.loads(data).get("type") == want:
                        print(show(op, data), flush=True)
                        n -= 1
            elif act == "wait-close":
                while True:
                    op, data = read_frame(s)
                    if op == 8:
                        print(show(op, data), flush=True)
                        break
            elif act == "noread":
                time.sleep(float(a.pop(0)))
            else:
                die("unknown action " + act)
    except socket.timeout:
        die("timeout")
    except (EOFError, ConnectionResetError, BrokenPipeError):
        print("eof", flush=True)

main()
