# shellcheck shell=bash
# Port helpers shared by scripts/test and scripts/fuzz-api (sourced).
#
# A port in the kernel's ephemeral range (32768-60999 on Linux) can be held
# by the local end of an outgoing connection: nothing listens there, so a
# connect test says "free", yet bind() fails with EADDRINUSE. So servers we
# start listen on port 0 and we read the port they got from their log, and a
# port we must choose in advance is tested by binding it, starting below the
# ephemeral range.

# free_port START: the first port from START on that can be bound on 127.0.0.1.
free_port() {
  python3 - "$1" <<'PY'
import socket, sys
port = int(sys.argv[1])
while port < 65535:
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        port += 1
        continue
    finally:
        s.close()
    print(port)
    sys.exit(0)
sys.exit("no free TCP port found")
PY
}

# listening_url LOG PID [SECONDS]: wait until the server PID writes
# `http://127.0.0.1:PORT` (its "listening on" line) to LOG and print that URL.
# Fails when PID exits first or after SECONDS (default 120).
listening_url() {
  local log="$1" pid="$2" deadline=$(($(date +%s) + ${3:-120})) url
  while :; do
    url="$(grep -aoE -m1 'http://127\.0\.0\.1:[0-9]+' "$log" 2>/dev/null || true)"
    [[ -n "$url" ]] && { echo "$url"; return 0; }
    kill -0 "$pid" 2>/dev/null || return 1
    (($(date +%s) < deadline)) || return 1
    sleep 0.2
  done
}
