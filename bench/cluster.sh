#!/usr/bin/env bash
# Redis, N Bowtie workers and nginx on this machine (loopback), until Ctrl-C.
#
#   WORKERS=2 PORT=8080 bash bench/cluster.sh      (or: make cluster)
#
# WORKERS      number of server.py processes (default 2)
# PORT         nginx's port, the one browsers use (default 8080)
# FIRST_PORT   first worker's port; the others follow (default 5001)
# REDIS_PORT   Redis's port (default 6390)
# RUN_DIR      pid files, logs, nginx's config and, unless BOWTIE_DB says
#              otherwise, the database (default ./run/cluster)
# BOWTIE_*     passed to every worker (see workshop/config.py)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORKERS=${WORKERS:-2}
PORT=${PORT:-8080}
FIRST_PORT=${FIRST_PORT:-5001}
REDIS_PORT=${REDIS_PORT:-6390}
RUN_DIR=${RUN_DIR:-$ROOT/run/cluster}
PY=${PY:-$ROOT/.venv/bin/python}
mkdir -p "$RUN_DIR"/tmp
RUN_DIR=$(cd "$RUN_DIR" && pwd)
export BOWTIE_DB=${BOWTIE_DB:-$RUN_DIR/bowtie.db}
export BOWTIE_MESSAGE_QUEUE=${BOWTIE_MESSAGE_QUEUE:-redis://127.0.0.1:$REDIS_PORT/0}
export BOWTIE_HOST=127.0.0.1

for tool in redis-server nginx; do
  command -v "$tool" >/dev/null || { echo "cluster: $tool is missing (apt-get install redis-server nginx-light)" >&2; exit 1; }
done

pids=()
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT INT TERM

healthy() {  # healthy URL SECONDS
  for _ in $(seq 1 $(( $2 * 10 ))); do
    "$PY" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)" "$1/healthz" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "cluster: $1 did not become healthy" >&2
  return 1
}

redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
  --dir "$RUN_DIR" --logfile "$RUN_DIR/redis.log" &
pids+=($!)
echo $! >"$RUN_DIR/redis.pid"
for _ in $(seq 1 50); do
  redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
  sleep 0.1
done

# One worker at a time: the first creates the schema (and the token secret beside
# the database, unless BOWTIE_SECRET is set), the others find them ready.
upstreams=""
for i in $(seq 0 $(( WORKERS - 1 ))); do
  port=$(( FIRST_PORT + i ))
  BOWTIE_PORT=$port "$PY" server.py >>"$RUN_DIR/worker-$i.log" 2>&1 &
  pids+=($!)
  echo $! >"$RUN_DIR/worker-$i.pid"
  healthy "http://127.0.0.1:$port" 30
  echo "$port" >"$RUN_DIR/worker-$i.port"
  upstreams+="        server 127.0.0.1:$port;\n"
done

# nginx's config: deploy/nginx.conf with these workers and this port.
awk -v ups="$upstreams" -v port="$PORT" '
  /# BOWTIE-WORKERS/ { printf "%s", ups; skip = 1; next }
  /# END BOWTIE-WORKERS/ { skip = 0; next }
  skip { next }
  /# BOWTIE-LISTEN/ { print "        listen 127.0.0.1:" port ";"; next }
  { print }' "$ROOT/deploy/nginx.conf" >"$RUN_DIR/nginx.conf"
nginx -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -g "daemon off;" &
pids+=($!)
healthy "http://127.0.0.1:$PORT" 10

echo "cluster: http://127.0.0.1:$PORT -> $WORKERS workers (ports $FIRST_PORT..$(( FIRST_PORT + WORKERS - 1 ))), redis :$REDIS_PORT, database $BOWTIE_DB"
wait -n "${pids[@]}" || true
echo "cluster: a process exited; stopping the rest" >&2
