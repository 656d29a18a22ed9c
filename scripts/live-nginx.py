#!/usr/bin/env python3
"""Runs a rendered nginx config for real and checks its behaviour with real requests.

Usage: unshare -n scripts/live-nginx.py DIR

DIR holds what the nginx target renders: `nginx.conf` (main) and `<stack>.conf` (site). The
script must run in a private network namespace (it refuses otherwise: it binds 80 and 443 and
adds addresses to `lo`). It copies the config into a work folder, points TLS files at a
throwaway self-signed certificate, logs and the pid file into the work folder and every
upstream server at a loopback stand-in (a small HTTP/1.1 + websocket echo server that counts
TCP connections), starts nginx, and checks:

  redirect http->https keeps path and query; TLS 1.0/1.1 refused (a control server proves the
  client can speak them), 1.2/1.3 accepted; the security headers on 200 and on nginx's own
  403/413/429/502; websocket upgrade; body over the limit -> 413; rate limit -> 429;
  allow-lists (allowed vs denied source address); access log off; upstream keepalive reused
  on plain and websocket-capable routes.

Prints one table row per behaviour (`| behaviour | expected | observed | PASS |`) and exits 1
when a row failed, 2 when the run could not start. Needs nginx, openssl, ip and python3.
"""
import base64
import hashlib
import http.client
import ipaddress
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

warnings.filterwarnings("ignore", category=DeprecationWarning)
WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC11B85"
ROWS = []


def row(behaviour, expected, observed, ok):
    ROWS.append((behaviour, expected, observed, "PASS" if ok else "FAIL"))


def die(message):
    print("live-nginx: " + message, file=sys.stderr)
    sys.exit(2)


# ------------------------------------------------------------------ stand-in upstream servers

class StandIn(ThreadingHTTPServer):
    """An upstream: answers 200 with the path, echoes websocket frames, and records which TCP
    connection served each request."""
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port):
        super().__init__(("127.0.0.1", port), Handler)
        self.lock = threading.Lock()
        self.connections = 0
        self.served = []  # (connection number, path) per request

    def record(self, connection, path):
        with self.lock:
            self.served.append((connection, path))

    def new_connection(self):
        with self.lock:
            self.connections += 1
            return self.connections


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        self.number = self.server.new_connection()

    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.server.record(self.number, self.path)
        if self.path.startswith("/__drop"):
            # No response at all: nginx answers 502 itself.
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if self.headers.get("Upgrade", "").lower() == "websocket":
            return self.websocket()
        self.reply(200, ("ok " + self.path).encode())

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        self.server.record(self.number, self.path)
        self.reply(200, b"received %d" % length)

    def websocket(self):
        key = self.headers.get("Sec-WebSocket-Key", "")
        accept = base64.b64encode(hashlib.sha1((key + WS_GUID).encode()).digest()).decode()
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", accept)
        self.end_headers()
        self.wfile.flush()
        opcode, payload = read_frame(self.rfile)
        if opcode == 1:
            self.wfile.write(frame(b"echo:" + payload, mask=False))
            self.wfile.flush()
        self.close_connection = True


def frame(payload, mask):
    head = bytes([0x81])
    length = len(payload)
    bit = 0x80 if mask else 0
    head += bytes([bit | length]) if length < 126 else bytes([bit | 126]) + length.to_bytes(2, "big")
    if not mask:
        return head + payload
    key = os.urandom(4)
    return head + key + bytes(b ^ key[i % 4] for i, b in enumerate(payload))


def read_exact(stream, n):
    data = b""
    while len(data) < n:
        chunk = stream.read(n - len(data))
        if not chunk:
            raise EOFError("connection closed")
        data += chunk
    return data


def read_frame(stream):
    first, second = read_exact(stream, 2)
    length = second & 0x7F
    if length == 126:
        length = int.from_bytes(read_exact(stream, 2), "big")
    key = read_exact(stream, 4) if second & 0x80 else None
    payload = read_exact(stream, length)
    if key:
        payload = bytes(b ^ key[i % 4] for i, b in enumerate(payload))
    return first & 0x0F, payload


# ------------------------------------------------------------------ config

def strip_comments(text):
    return re.sub(r"(?m)^\s*#[^\n]*", "", text)


def blocks(text, keyword):
    """(argument, body) of every `keyword ARG {...}` block without nested blocks."""
    return [(m.group(1).strip().strip('"'), m.group(2))
            for m in re.finditer(r"\b%s\s+([^{;]*?)\s*\{([^{}]*)\}" % keyword, text)]


def directives(body, name):
    quoted_or_plain = r'(?:"(?:[^"\\]|\\.)*"|[^;"])*'
    return [m.group(1).strip() for m in re.finditer(r"(?m)^\s*%s\s+(%s);" % (name, quoted_or_plain), body)]


def size_bytes(text):
    units = {"k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}
    return int(text[:-1]) * units[text[-1].lower()] if text[-1].lower() in units else int(text)


def unquote(token):
    return token[1:-1].replace('\\"', '"').replace("\\\\", "\\") if token.startswith('"') else token


def tokens(args):
    return [unquote(t) for t in re.findall(r'"(?:[^"\\]|\\.)*"|\S+', args)]


class Site:
    def __init__(self, text):
        self.text = strip_comments(text)
        self.upstreams = [name for name, _ in blocks(self.text, "upstream")]
        self.locations = {}
        for path, body in blocks(self.text, "location"):
            self.locations[path] = {
                "upgrade": bool(re.search(r"proxy_set_header\s+Upgrade\b", body)),
                "access_log_off": "off" in directives(body, "access_log"),
                "allow": [a for a in directives(body, "allow") if a != "all"],
                "limit_req": directives(body, "limit_req"),
                "body_size": directives(body, "client_max_body_size"),
            }
        servers = re.split(r"\bserver\s*\{", self.text)[1:]
        self.https = next((s for s in servers if re.search(r"listen\s+\S*443\s+ssl", s)), None)
        self.redirect = next((s for s in servers if "return 301" in s), None)
        outside = re.sub(r"\blocation\s+[^{]*\{[^{}]*\}", "", self.https or "")
        self.headers = {}
        for args in directives(outside, "add_header"):
            words = tokens(args)
            if words[-1] == "always":
                self.headers[words[0]] = words[1]
        self.protocols = (directives(outside, "ssl_protocols") or [""])[0].split()
        self.body_size = size_bytes((directives(outside, "client_max_body_size") or ["1m"])[0])
        self.host = (directives(outside, "server_name") or ["localhost"])[0].split()[0]
        self.zones = {}
        for args in directives(self.text, "limit_req_zone"):
            name = re.search(r"zone=([^:\s]+)", args).group(1)
            self.zones[name] = re.search(r"rate=(\S+)", args).group(1)

    def route(self, want):
        for path, loc in self.locations.items():
            if want(loc):
                return path, loc
        return None, None


def prepare(source, work, cert, key, ports):
    """Copies the config into `work` with TLS files, logs, pid and upstreams replaced."""
    names = sorted(os.listdir(source))
    site_name = next(n for n in names if n.endswith(".conf") and n != "nginx.conf")
    with open(os.path.join(source, site_name)) as fh:
        site_text = fh.read()
    with open(os.path.join(source, "nginx.conf")) as fh:
        main = fh.read()
    main = re.sub(r"(?m)^pid\s+[^;]+;", "pid %s/nginx.pid;" % work, main)
    main = re.sub(r"(?m)^error_log\s+[^;]+;", "error_log %s/error.log info;" % work, main)
    main = re.sub(r"(?m)^(\s*access_log)\s+/[^;\s]+", r"\1 %s/access.log" % work, main)
    upstream_names = [name for name, _ in blocks(strip_comments(site_text), "upstream")]

    def upstream(m):
        port = ports[m.group(1)]
        body = re.sub(r"(?m)^(\s*)server\s+[^;]+;", r"\g<1>server 127.0.0.1:%d;" % port, m.group(2))
        return "upstream %s {%s}" % (m.group(1), body)

    site = re.sub(r"\bupstream\s+(\S+)\s*\{([^{}]*)\}", upstream, site_text)
    site = re.sub(r"(?m)^(\s*ssl_certificate)\s+[^;]+;", r"\1 %s;" % cert, site)
    site = re.sub(r"(?m)^(\s*ssl_certificate_key)\s+[^;]+;", r"\1 %s;" % key, site)
    site = re.sub(r"(?m)^(\s*ssl_stapling(?:_verify)?)\s+on;", r"\1 off;", site)
    with open(os.path.join(work, "nginx.conf"), "w") as fh:
        fh.write(main)
    with open(os.path.join(work, site_name), "w") as fh:
        fh.write(site)
    return site_text, upstream_names


# ------------------------------------------------------------------ clients

def tls_context(version=None, seclevel0=False):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    if version:
        ctx.minimum_version = version
        ctx.maximum_version = version
    if seclevel0:
        ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    return ctx


def request(method, path, source="127.0.0.1", host=None, headers=None, body=None, tls=True, port=None):
    """One request on a fresh client connection: (status, headers dict, body)."""
    host = host or SITE.host
    if tls:
        conn = http.client.HTTPSConnection("127.0.0.1", port or 443, context=tls_context(),
                                           source_address=(source, 0), timeout=10)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port or 80, source_address=(source, 0), timeout=10)
    try:
        all_headers = {"Host": host}
        all_headers.update(headers or {})
        conn.request(method, path, body=body, headers=all_headers)
        response = conn.getresponse()
        data = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data
    finally:
        conn.close()


def handshake(version):
    """The negotiated TLS version with nginx, or the error."""
    try:
        with socket.create_connection(("127.0.0.1", 443), timeout=5) as raw:
            with tls_context(version, seclevel0=True).wrap_socket(raw, server_hostname=SITE.host) as t:
                return t.version(), None
    except (ssl.SSLError, OSError) as error:
        return None, str(error)


def control_server(version, cert, key):
    """A permissive TLS server on a loopback port that speaks only `version`: proves the client
    can offer it, so a refusal by nginx is nginx's."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = version
    ctx.maximum_version = version
    ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    ctx.load_cert_chain(cert, key)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def serve():
        connection, _ = listener.accept()
        try:
            ctx.wrap_socket(connection, server_side=True).close()
        except (ssl.SSLError, OSError):
            connection.close()
        listener.close()

    threading.Thread(target=serve, daemon=True).start()
    port = listener.getsockname()[1]
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
            with tls_context(version, seclevel0=True).wrap_socket(raw) as t:
                return t.version()
    except (ssl.SSLError, OSError) as error:
        return "control failed: %s" % error


def websocket(path, source):
    """Upgrade through nginx and echo one message: (status line, echoed text)."""
    raw = socket.create_connection(("127.0.0.1", 443), timeout=10, source_address=(source, 0))
    sock = tls_context().wrap_socket(raw, server_hostname=SITE.host)
    try:
        key = base64.b64encode(os.urandom(16)).decode()
        sock.sendall(("GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n" % (path, SITE.host, key)).encode())
        stream = sock.makefile("rb")
        status = stream.readline().decode().strip()
        headers = {}
        while True:
            line = stream.readline().decode().strip()
            if not line:
                break
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        expected = base64.b64encode(hashlib.sha1((key + WS_GUID).encode()).digest()).decode()
        if not status.startswith("HTTP/1.1 101") or headers.get("sec-websocket-accept") != expected:
            return status, None
        sock.sendall(frame(b"hello", mask=True))
        _, payload = read_frame(stream)
        return status, payload.decode()
    finally:
        sock.close()


# ------------------------------------------------------------------ checks

def headers_row(label, status, headers, expected_status, from_nginx):
    missing = [name for name, value in SITE.headers.items() if headers.get(name.lower()) != value]
    found = "all %d present" % len(SITE.headers) if not missing else "missing " + ", ".join(missing)
    observed = "%d, %s" % (status, found)
    ok = status == expected_status and not missing and bool(SITE.headers)
    if from_nginx:
        ok = ok and headers.get("server", "").startswith("nginx")
    row("security headers on %s" % label, "%d + %d headers" % (expected_status, len(SITE.headers)), observed, ok)


def check_redirect():
    if not SITE.redirect:
        return
    path = "/some/path?x=1&y=two%20three"
    status, headers, _ = request("GET", path, tls=False)
    location = headers.get("location", "")
    expected = "https://%s%s" % (SITE.host, path)
    row("redirect http->https keeps path and query", "301 " + expected, "%d %s" % (status, location),
        status == 301 and location == expected)


def check_tls(cert, key):
    versions = [("TLS 1.0", ssl.TLSVersion.TLSv1, "TLSv1"), ("TLS 1.1", ssl.TLSVersion.TLSv1_1, "TLSv1.1"),
                ("TLS 1.2", ssl.TLSVersion.TLSv1_2, "TLSv1.2"), ("TLS 1.3", ssl.TLSVersion.TLSv1_3, "TLSv1.3")]
    for label, version, name in versions:
        allowed = name in SITE.protocols
        negotiated, error = handshake(version)
        if allowed:
            row("%s accepted" % label, name, negotiated or error, negotiated == name)
        else:
            control = control_server(version, cert, key)
            observed = ("refused (%s); control server: %s" % (short(error), control) if error
                        else "accepted " + negotiated)
            row("%s refused" % label, "refused; client can speak it", observed, negotiated is None and control == name)


def short(error):
    match = re.search(r"\[SSL: ([A-Z_0-9]+)\]", error or "")
    return match.group(1).lower() if match else (error or "")[:60]


def check_headers_200(plain):
    status, headers, _ = request("GET", probe_path(plain), source="127.0.0.1")
    headers_row("200", status, headers, 200, from_nginx=False)


def probe_path(location):
    return location.rstrip("/") + "/live-check" if location.endswith("/") else location


def check_body(plain):
    limit = SITE.body_size
    loc = SITE.locations[plain]
    if loc["body_size"]:
        limit = size_bytes(loc["body_size"][0])
    status, _, body = request("POST", probe_path(plain), source="127.0.0.1", body=b"x" * 1024)
    row("body under the limit", "200 (1 KiB)", "%d %s" % (status, body[:20].decode(errors="replace")), status == 200)
    status, headers, _ = request("POST", probe_path(plain), source="127.0.0.1",
                                 headers={"Content-Length": str(limit + 1)}, body=None)
    row("body over the limit -> 413", "413 (limit %d + 1 bytes)" % limit, str(status), status == 413)
    headers_row("413 (nginx)", status, headers, 413, from_nginx=True)


def check_allow():
    path, loc = SITE.route(lambda l: l["allow"])
    if not path:
        return
    networks = [ipaddress.ip_network(a, strict=False) for a in loc["allow"]]
    allowed = next((n for n in networks if n.version == 4), None)
    if allowed is None:
        row("allow-list", "an IPv4 allow entry to test", "none", False)
        return
    source = str(allowed.network_address + 1) if allowed.num_addresses > 1 else str(allowed.network_address)
    if not ipaddress.ip_address(source).is_loopback:
        subprocess.run(["ip", "addr", "add", source + "/32", "dev", "lo"], check=True)
    denied = next(a for a in ("127.0.0.2", "127.0.0.5", "127.0.0.6")
                  if not any(ipaddress.ip_address(a) in n for n in networks))
    status, _, _ = request("GET", path, source=source)
    row("allow-list: allowed source", "200 from %s on %s" % (source, path), str(status), status == 200)
    status, headers, _ = request("GET", path, source=denied)
    row("allow-list: denied source", "403 from %s on %s" % (denied, path), str(status), status == 403)
    headers_row("403 (nginx)", status, headers, 403, from_nginx=True)


def check_access_log(work, plain):
    path, _ = SITE.route(lambda l: l["access_log_off"])
    if not path:
        return
    silent, logged = uuid.uuid4().hex, uuid.uuid4().hex
    request("GET", "%s?probe=%s" % (path, silent), source="127.0.0.1")
    request("GET", "%s?probe=%s" % (probe_path(plain), logged), source="127.0.0.1")
    time.sleep(0.3)
    with open(os.path.join(work, "access.log")) as fh:
        log = fh.read()
    row("access log off on %s" % path, "not logged (%s logged)" % plain,
        "%s; %s" % ("logged" if silent in log else "not logged",
                    "control logged" if logged in log else "control missing"),
        silent not in log and logged in log)


def check_websocket():
    path, _ = SITE.route(lambda l: l["upgrade"])
    if not path:
        return
    try:
        status, echo = websocket(probe_path(path), "127.0.0.1")
    except (OSError, EOFError) as error:
        status, echo = str(error), None
    row("websocket upgrade on %s" % path, "101 and echo", "%s; %s" % (status, echo), echo == "echo:hello")


def check_keepalive(stand_ins, workers):
    routes = []
    plain, _ = SITE.route(lambda l: not l["upgrade"])
    upgrade, _ = SITE.route(lambda l: l["upgrade"])
    for path, kind in ((plain, "plain"), (upgrade, "websocket-capable")):
        if path:
            routes.append((path, kind))
    requests = 10
    for path, kind in routes:
        server = stand_ins[upstream_of(path)]
        with server.lock:
            before = len(server.served)
        statuses = [request("GET", probe_path(path), source="127.0.0.4")[0] for _ in range(requests)]
        with server.lock:
            used = {number for number, _ in server.served[before:]}
        ok = statuses == [200] * requests and len(used) <= workers and len(used) < requests
        row("upstream keepalive reused on %s (%s)" % (path, kind),
            "%d requests over <= %d upstream connections" % (requests, workers),
            "%d x %s over %d connections" % (requests, sorted(set(statuses)), len(used)), ok)


def upstream_of(path):
    body = dict(blocks(SITE.text, "location"))[path]
    return re.search(r"proxy_pass\s+https?://([^/;\s]+)", body).group(1)


def check_rate_limit():
    path, loc = SITE.route(lambda l: l["limit_req"])
    if not path:
        return
    args = loc["limit_req"][0]
    burst = int((re.search(r"burst=(\d+)", args) or [0, 0])[1])
    zone = re.search(r"zone=(\S+)", args).group(1)
    rate = SITE.zones.get(zone, "1r/s")
    per_second = int(rate[:-3]) / (60 if rate.endswith("r/m") else 1)
    # Eight keepalive client connections from one address, as fast as they go, until the first
    # 429 (or a cap that clients outrunning the rate for ten seconds reach).
    count = burst + 20 + int(per_second * 10)
    statuses, last, lock = [], {}, threading.Lock()

    def client():
        conn = http.client.HTTPSConnection("127.0.0.1", 443, context=tls_context(), source_address=("127.0.0.3", 0),
                                           timeout=10)
        try:
            while True:
                with lock:
                    if len(statuses) >= count or 429 in statuses:
                        return
                conn.request("GET", probe_path(path), headers={"Host": SITE.host})
                response = conn.getresponse()
                response.read()
                with lock:
                    statuses.append(response.status)
                    if response.status == 429 and not last:
                        last.update({k.lower(): v for k, v in response.getheaders()})
        finally:
            conn.close()

    threads = [threading.Thread(target=client) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    passed = statuses.count(200)
    row("rate limit -> 429 on %s" % path, "429 after the burst (rate %s, burst %d)" % (rate, burst),
        "%d x 200, then 429" % passed if 429 in statuses else "no 429 in %d requests" % len(statuses),
        429 in statuses and passed > burst and set(statuses) <= {200, 429})
    if last:
        headers_row("429 (nginx)", 429, last, 429, from_nginx=True)


def check_502(plain):
    path = "/__drop" if plain == "/" else plain.rstrip("/") + "/__drop"
    status, headers, _ = request("GET", path, source="127.0.0.6")
    headers_row("502 (nginx)", status, headers, 502, from_nginx=True)


# ------------------------------------------------------------------ main

def isolated():
    out = subprocess.run(["ip", "-o", "link", "show"], capture_output=True, text=True).stdout
    names = [line.split(":")[1].strip().split("@")[0] for line in out.splitlines() if line.strip()]
    return names == ["lo"]


def wait_for(port, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def workers_of(master):
    count = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open("/proc/%s/stat" % pid) as fh:
                if int(fh.read().rsplit(")", 1)[1].split()[1]) == master:
                    count += 1
        except (OSError, IndexError, ValueError):
            pass
    return count


def main():
    global SITE
    if len(sys.argv) != 2:
        die("usage: unshare -n scripts/live-nginx.py DIR")
    if not isolated():
        die("not in a private network namespace (other interfaces than lo): run under `unshare -n`")
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if not nginx:
        die("nginx not found")
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    work = tempfile.mkdtemp(prefix="live-nginx-")
    cert, key = os.path.join(work, "cert.pem"), os.path.join(work, "key.pem")
    source = os.path.abspath(sys.argv[1])
    text = open(os.path.join(source, next(n for n in sorted(os.listdir(source))
                                            if n.endswith(".conf") and n != "nginx.conf"))).read()
    SITE = Site(text)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=" + SITE.host, "-addext", "subjectAltName=DNS:" + SITE.host,
                    "-keyout", key, "-out", cert],
                   check=True, capture_output=True)
    ports = {name: 18000 + i for i, name in enumerate(SITE.upstreams)}
    stand_ins = {}
    for name, port in ports.items():
        stand_ins[name] = StandIn(port)
        threading.Thread(target=stand_ins[name].serve_forever, daemon=True).start()
    prepare(source, work, cert, key, ports)
    test = subprocess.run([nginx, "-t", "-q", "-p", work + "/", "-c", os.path.join(work, "nginx.conf")],
                          capture_output=True, text=True)
    if test.returncode != 0:
        die("nginx -t failed:\n" + test.stderr)
    proc = subprocess.Popen([nginx, "-p", work + "/", "-c", os.path.join(work, "nginx.conf"), "-g", "daemon off;"],
                            stderr=subprocess.PIPE, text=True)
    try:
        if not wait_for(443 if SITE.https else 80):
            die("nginx did not start: " + open(os.path.join(work, "error.log")).read()[-2000:])
        time.sleep(0.2)
        workers = workers_of(proc.pid)
        plain, _ = SITE.route(lambda l: not l["allow"] and not l["access_log_off"])
        check_redirect()
        check_tls(cert, key)
        check_headers_200(plain)
        check_websocket()
        check_body(plain)
        check_allow()
        check_access_log(work, plain)
        check_keepalive(stand_ins, workers)
        check_rate_limit()
        check_502(plain)
    finally:
        proc.send_signal(signal.SIGQUIT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        for server in stand_ins.values():
            server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    widths = [max(len(str(r[i])) for r in ROWS + [("behaviour", "expected", "observed", "result")]) for i in range(4)]
    for r in [("behaviour", "expected", "observed", "result"), tuple("-" * w for w in widths)] + ROWS:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |")
    print("live-nginx: %d passed, %d failed (nginx %s workers, %s)" % (
        sum(r[3] == "PASS" for r in ROWS), sum(r[3] == "FAIL" for r in ROWS), workers, os.path.basename(source)))
    sys.exit(0 if ROWS and all(r[3] == "PASS" for r in ROWS) else 1)


if __name__ == "__main__":
    # A test runner may start this with signals blocked (a worker thread's mask is inherited
    # through exec): what it starts is stopped by signals (the runtime's health-check driver by
    # SIGTERM, nginx by SIGQUIT), and would otherwise outlive the run. Start from none blocked.
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    main()
