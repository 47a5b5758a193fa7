#!/usr/bin/env bash
# The bundle against its physical limit, in one run (see bench/README.md).
#
#   bench/run.sh            the full benchmark, about 12 minutes on a quiet machine
#   bench/run.sh --smoke    the same steps with tiny durations and 200 channels, about a minute
#   bench/run.sh --profile  the full benchmark with a JFR recording of the bundle under load
#   bench/run.sh --soak     a steady 200 webhooks/s for 30 minutes with a restart halfway: the
#                           store's size, the bundle's memory and threads every 30 s
#   bench/run.sh --instances  with BENCH_PG_URL: one instance, one and two pinned to a core each,
#                           and one with 1 ms added to each round trip to PostgreSQL
#   bench/run.sh --slowagent  only the instant-Agent end to end and the case of an Agent answering
#                           after BENCH_AGENT_MS (2000) with BENCH_SLOW_CLIENTS (5000) chats
#   bench/run.sh --neighbour  only the case of a quiet channel beside a flooded and a slow one
#   bench/run.sh --channels   only the instant-Agent end to end of one channel and of 10,000
#                           channels
#   bench/run.sh --ready    only the ready time: the README's command against the minimal relay
#
# Builds the bundle jar and the bench programs in this checkout, starts everything on 127.0.0.1
# (Chat2Desk and Agent stand-ins, a bare Vert.x + Jackson server, a minimal Camel relay, the
# durable relay, the bundle), drives Chat2Desk "inbox" webhooks at them with wrk and prints the
# figures. The last line is "intake/bare=R e2e/relay=R channels=R e2e/durable=R intake/durable=R
# ready/minimal=R slowagent/instant=R neighbour_p99/alone=R". Every process it starts is stopped on exit,
# every load is bounded in time, and its files live in one temp dir (kept with BENCH_KEEP=1).
set -euo pipefail   # (so no "| head" in pipelines: a closed pipe would fail them)

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
MODE=full
PROFILE=0
INSTANCES=0
ONLY=""   # --slowagent, --neighbour, --channels: those cases alone
for arg in "$@"; do
  case "$arg" in
    --smoke) MODE=smoke ;;
    --profile) PROFILE=1 ;;
    --soak) MODE=soak ;;
    --instances) INSTANCES=1 ;;
    --slowagent) ONLY="$ONLY slowagent" ;;
    --neighbour) ONLY="$ONLY neighbour" ;;
    --channels) ONLY="$ONLY channels" ;;
    --ready) MODE=ready ;;
    *) echo "usage: bench/run.sh [--smoke] [--profile] [--soak] [--instances] [--ready] [--slowagent] [--neighbour] [--channels]" >&2; exit 2 ;;
  esac
done
RESULTS_NAME=$MODE
if [ "$INSTANCES" = 1 ]; then RESULTS_NAME="instances-$MODE"; fi
if [ -n "$ONLY" ]; then RESULTS_NAME="$(echo $ONLY | tr ' ' '-')-$MODE"; fi
if [ "$INSTANCES" = 1 ] && [ -z "${BENCH_PG_URL:-}" ]; then
  echo "--instances needs BENCH_PG_URL (and BENCH_PG_USER, BENCH_PG_PASSWORD): instances share a PostgreSQL" >&2; exit 2
fi

# WARM: warm-up of the baselines; BUNDLE_WARM: of each bundle (a ramp of RAMP_STEP-long steps),
# whose JIT compilation takes about a minute of load on 2 cores (measured: C2 compiler threads
# still use half a core after 30 s); RUN: each measured window; DRAIN: the window after the load
# READY_RUNS: starts of the bundle and of the minimal relay, each, for the median ready time
READY_RUNS=5
if [ "$MODE" = smoke ]; then
  WARM=2; BUNDLE_WARM=4; RAMP_STEP=2; RUN=2; DRAIN=1; IDLE=1; CHANNELS=100; READY_RUNS=1
  STANDIN_WARM=1; STANDIN_RUN=1
  JMH_OPTS=(-f 1 -wi 0 -i 1 -r 300ms -p text=short)
elif [ "$MODE" = soak ]; then
  WARM=10; BUNDLE_WARM=0; RUN=0; CHANNELS=1; STANDIN_WARM=0; STANDIN_RUN=0
  # BENCH_SOAK_MINUTES long in all, BENCH_SOAK_RATE webhooks/s, finished entries kept
  # BENCH_SOAK_RETENTION minutes (shorter than the shipped 180, so that the window passes within the run)
  SOAK_MINUTES=${BENCH_SOAK_MINUTES:-30}; SOAK_RATE=${BENCH_SOAK_RATE:-200}; SOAK_RETENTION=${BENCH_SOAK_RETENTION:-10}
else
  WARM=10; BUNDLE_WARM=45; RAMP_STEP=5; RUN=15; DRAIN=8; IDLE=3; CHANNELS=10000
  STANDIN_WARM=3; STANDIN_RUN=5
  JMH_OPTS=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
fi
# --instances warms each case up longer: after a 45 s ramp the bundles' JIT compilers still took
# 13-38 % of a core in the measured window, and two instances, each seeing half the messages,
# warm up more slowly than one; at a steady 150 webhooks/s compilations died down after about 140 s
INSTANCE_WARM=$BUNDLE_WARM
if [ "$MODE" = full ]; then INSTANCE_WARM=150; fi
# Chat2Desk calls per channel and second: the shipped 10 would cap one channel at 10 replies/s;
# the stand-in has no limit, so the limit runs on every call but must not bind (a warning says
# when it might). The bundle keeps the times of each channel's calls of the last second only.
RATE=${BENCH_RATE:-100000}
# The bundle runs as the README's run command runs it: with its heap limit and collector
# (BENCH_JAVA_OPTS replaces them; BENCH_JAVA_OPTS=" " runs the JVM on its own defaults)
README_JAVA_OPTS="-Xmx160m -XX:+UseSerialGC"
BUNDLE_JAVA_OPTS=${BENCH_JAVA_OPTS:-$README_JAVA_OPTS}
THREADS=2          # wrk threads and connections: the settings of the reference figures
CONNECTIONS=32
# --instances: 128 webhooks in flight, as a busy account's deliveries are. With 32, each waiting
# about 72 ms for its store commit 1 ms from PostgreSQL, wrk could not send more than about 440/s
# and the round-trip case measured wrk instead of the bundle
if [ "$INSTANCES" = 1 ]; then CONNECTIONS=128; fi
CLIENTS=1000       # distinct Chat2Desk clients (chats) the webhooks are spread over
# slowagent: the Agent answers after AGENT_MS, the webhooks are spread over SLOW_CLIENTS chats
# (at most that many Agent calls can be in flight: a chat's messages go one after the other)
AGENT_MS=${BENCH_AGENT_MS:-2000}
SLOW_CLIENTS=${BENCH_SLOW_CLIENTS:-5000}
SLOW_CONNECTIONS=${BENCH_SLOW_CONNECTIONS:-32}
# neighbour: channel A flooded with NB_FLOOD messages at once at a Chat2Desk limit of NB_RATE
# calls/s; B with NB_BACKLOG messages at once whose Agent takes NB_AGENT_MS; C paced at NB_PACE
# messages/s for NB_SECONDS, once alone and once beside A and B
NB_RATE=10; NB_FLOOD=400; NB_BACKLOG=300; NB_AGENT_MS=3000; NB_PACE=5; NB_WARM_CHANNELS=200
NB_SECONDS=${BENCH_NEIGHBOUR_SECONDS:-30}
if [ "$MODE" = smoke ]; then NB_SECONDS=${BENCH_NEIGHBOUR_SECONDS:-6}; fi
API_KEY=bench-api-key-of-32-characters-at-least

TMP=$(mktemp -d "${TMPDIR:-/tmp}/c2d-bench.XXXXXX")
OUT="$ROOT/target/bench"
mkdir -p "$OUT"
RESULTS="$TMP/results.txt"
PIDS=()
PROFILED=()

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [ -f "$RESULTS" ]; then cp "$RESULTS" "$OUT/results-$RESULTS_NAME.txt"; fi
  if [ "${BENCH_KEEP:-0}" = 1 ] || [ "$status" != 0 ]; then
    echo "bench files kept in $TMP" >&2
  else
    rm -rf "$TMP"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[$(printf '%3d' "$SECONDS")s] $*" >&2; }
result() { echo "$*" | tee -a "$RESULTS"; }
die() { log "FAILED: $*"; exit 1; }
calc() { awk "BEGIN { printf \"%.${2:-1}f\", $1 }"; }

# --- tools -------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  log "installing wrk (Debian package)"
  apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
fi
command -v wrk >/dev/null || die "wrk is missing and could not be installed"

# --- build -------------------------------------------------------------------------------------
log "building the bundle jar"
(cd "$ROOT" && mvn -B -q -o package -DskipTests) || die "mvn package failed"
JAR="$ROOT/target/chat2desk-bot-channel.jar"
log "building the bench programs and the JMH benchmarks"
rm -rf "$OUT/classes" && mkdir -p "$OUT/classes"
javac --release 17 -nowarn -cp "$JAR" -d "$OUT/classes" "$BENCH"/src/bench/*.java
if [ "$MODE" != ready ]; then
  (cd "$BENCH/jmh" && { mvn -B -q -o package || mvn -B -q package; }) >"$TMP/jmh-build.log" 2>&1 \
    || { cat "$TMP/jmh-build.log" >&2; die "JMH build failed"; }
fi
CP="$OUT/classes:$JAR"

# --- helpers -----------------------------------------------------------------------------------
# below the kernel's ephemeral range, where outgoing connections take their local ports
NEXT_PORT=$((20000 + RANDOM % 10000))
# free_port VAR: sets VAR to a port nobody listens on (not in a subshell: NEXT_PORT must advance)
free_port() {
  while (exec 3<>"/dev/tcp/127.0.0.1/$NEXT_PORT") 2>/dev/null; do NEXT_PORT=$((NEXT_PORT + 1)); done
  printf -v "$1" '%s' "$NEXT_PORT"; NEXT_PORT=$((NEXT_PORT + 1))
}

# start NAME DIR COMMAND...: runs in DIR, output in DIR/NAME.log; sets STARTED_PID
start() {
  local name=$1 dir=$2; shift 2
  mkdir -p "$dir"
  (cd "$dir" && exec "$@" >"$dir/$name.log" 2>&1) &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
  disown "$STARTED_PID"   # stopped by pid here and in cleanup; no job notices on the console
}

# stop PID: TERM, KILL after 2 s (a bundle finishing its backlog is not waited for: its store is thrown away)
# stop PID [SECONDS]: asks the process to stop, and kills it after SECONDS (2 by default)
stop() {
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq $(( ${2:-2} * 10 ))); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
}

# wait_http PID LOG CURL-ARGS...: until the answer is a success; prints the milliseconds waited
wait_http() {
  local pid=$1 logfile=$2; shift 2
  local start_ns; start_ns=$(date +%s%N)
  for _ in $(seq 3000); do
    if curl -sf -o /dev/null --max-time 1 "$@"; then
      echo $(( ($(date +%s%N) - start_ns) / 1000000 )); return 0
    fi
    kill -0 "$pid" 2>/dev/null || { tail -20 "$logfile" >&2; die "process $pid died while starting"; }
    sleep 0.02
  done
  die "no answer from $* within 60 s"
}

# thread_ticks PID: CPU ticks per thread group (digits in thread names folded), "ticks<TAB>name"
thread_ticks() {
  for f in /proc/"$1"/task/*/stat; do
    # a thread may end between the listing and its read: not an error (pipefail would end the run)
    sed -E 's/^[0-9]+ \((.*)\) (.*)$/\2\t\1/' "$f" 2>/dev/null || true
  done | awk -F'\t' '{ split($1, a, " "); n = $2; gsub(/[0-9]+/, "#", n); s[n] += a[12] + a[13] } END { for (k in s) print s[k] "\t" k }'
}
# thread_cpu BEFORE AFTER SECONDS: the busiest thread groups in between, in % of a core
thread_cpu() {
  awk -F'\t' -v hz="$TICKS" -v s="$3" 'NR == FNR { a[$2] = $1; next }
    { d = ($1 - a[$2]) / hz / s * 100; if (d >= 1) printf "%.0f%% %s, ", d, $2 }' "$1" "$2" \
    | tr ',' '\n' | sed 's/^ //' | sort -rn | awk 'NR <= 7' | paste -sd ',' | sed 's/,/, /g'
}

rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# compiler_ticks PID: CPU ticks of the JVM's JIT compiler threads
compiler_ticks() { thread_ticks "$1" | awk -F'\t' '$2 ~ /CompilerThre/ { t += $1 } END { print t + 0 }'; }
# idle_ticks: "idle total" ticks of the whole machine (idle includes iowait)
idle_ticks() { awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print $5 + $6, t }' /proc/stat; }
TICKS=$(getconf CLK_TCK)

# sample_rss PID SECONDS FILE: the largest RSS (MB) seen every half second, in the background
sample_rss() {
  local pid=$1 seconds=$2 file=$3
  (max=0; for _ in $(seq $((seconds * 2))); do
     # (a process that has just ended may leave no figure)
     r=$(rss_mb "$pid" 2>/dev/null || true); [ "${r:-0}" -gt "$max" ] && max=$r; echo "$max" >"$file"; sleep 0.5
   done) &
}

# drive URL SECONDS KEYS [DELAY_MS]: wrk with webhook.lua; prints its BENCH line. Each run gets
# message ids of its own (a counter in a file: drive runs in subshells), so none is a redelivery.
echo 0 >"$TMP/runs"
drive() {
  local url=$1 seconds=$2 keys=$3 delay=${4:-0}
  local run; run=$(( $(cat "$TMP/runs") + 1 )); echo "$run" >"$TMP/runs"
  BENCH_SPREAD="${SPREAD:-}" timeout $((seconds + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s \
    -s "$BENCH/webhook.lua" "$url" -- "$((run * 10000000000))" "$keys" "$CLIENTS" "$delay" | grep '^BENCH'
}
field() { echo "$1" | tr ' ,{}' '\n\n\n\n' | sed -n "s/^\"\{0,1\}$2\"\{0,1\}[=:]//p" | awk 'NR == 1'; }
check_errors() {
  local line=$1 what=$2
  if [ "$(field "$line" non2xx)" != 0 ] || [ "$(field "$line" errors)" != 0 ]; then
    log "WARNING: $what: $(field "$line" non2xx) non-2xx answers, $(field "$line" errors) socket errors"
  fi
}

standin() { curl -sf --max-time 5 "http://127.0.0.1:$C2D_PORT/bench/$1"; }
agent() { curl -sf --max-time 5 "http://127.0.0.1:$AGENT_PORT/bench/$1"; }

# --- the run -----------------------------------------------------------------------------------
# the figures are only worth as much as the machine is quiet: say what else was using it
BUSY=$( { idle_ticks; sleep 2; idle_ticks; } | paste -sd ' ' | awk '{ printf "%.0f", 100 - ($3 - $1) / ($4 - $2) * 100 }')
if [ "$BUSY" -gt 10 ]; then log "WARNING: other processes use ${BUSY}% of the machine: the figures will suffer"; fi
FREE_GB=$(df -Pk "$TMP" | awk 'NR == 2 { printf "%d", $4 / 1048576 }')
if [ "$FREE_GB" -lt 15 ]; then log "WARNING: ${FREE_GB} GB free under $TMP; a bundle's store and log can take over 10 GB"; fi
log "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GB; $(java -version 2>&1 | awk 'NR == 1')"
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  mode: $MODE  commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GB RAM, $(java -version 2>&1 | awk 'NR == 1'); busy before the run: ${BUSY}%"
  echo "wrk: $THREADS threads, $CONNECTIONS connections; warm-up ${WARM}s (bundle ${BUNDLE_WARM}s), measured ${RUN}s; $CLIENTS clients; chat2desk.rate-per-second=$RATE; bundle JVM options: ${BUNDLE_JAVA_OPTS:- none}; store: ${BENCH_PG_URL:-SQLite file}"
} >"$RESULTS"

echo "$(printf '/v1/messages %s' "$(printf bench | md5sum | cut -c1-32)")" >"$TMP/keys-chat2desk.txt"
echo "$(printf '/messages %s' "$(printf bench | md5sum | cut -c1-32)")" >"$TMP/keys-agent.txt"
echo "$(printf 'baseline %s' "$(printf bench | md5sum | cut -c1-32)")" >"$TMP/keys-any.txt"

free_port C2D_PORT; free_port AGENT_PORT
start stand-ins "$TMP/stand-ins" java -XX:+UseSerialGC -Xmx256m -cp "$CP" bench.StandIns "$C2D_PORT" "$AGENT_PORT"
STANDINS_PID=$STARTED_PID
wait_http "$STANDINS_PID" "$TMP/stand-ins/stand-ins.log" "http://127.0.0.1:$AGENT_PORT/status" >/dev/null
wait_http "$STANDINS_PID" "$TMP/stand-ins/stand-ins.log" "http://127.0.0.1:$C2D_PORT/v1/companies/api_info" >/dev/null

# baselines: what the machine does at most (skipped by --soak, which measures the bundle alone)
baselines() {
  log "stand-ins: how fast they answer on their own"
  drive "http://127.0.0.1:$C2D_PORT" "$STANDIN_WARM" "$TMP/keys-chat2desk.txt" >/dev/null
  C2D_MAX=$(drive "http://127.0.0.1:$C2D_PORT" "$STANDIN_RUN" "$TMP/keys-chat2desk.txt")
  drive "http://127.0.0.1:$AGENT_PORT" "$STANDIN_WARM" "$TMP/keys-agent.txt" >/dev/null
  AGENT_MAX=$(drive "http://127.0.0.1:$AGENT_PORT" "$STANDIN_RUN" "$TMP/keys-agent.txt")
  result "stand-in chat2desk  max $(field "$C2D_MAX" rps)/s  (POST /v1/messages alone)"
  result "stand-in agent      max $(field "$AGENT_MAX" rps)/s  (POST /messages alone)"

  log "bare Vert.x + Jackson baseline"
  free_port BARE_PORT
  start bare "$TMP/bare" java -cp "$CP" bench.BareBaseline "$BARE_PORT"
  BARE_PID=$STARTED_PID
  wait_http "$BARE_PID" "$TMP/bare/bare.log" -X POST -d '{}' "http://127.0.0.1:$BARE_PORT/" >/dev/null
  drive "http://127.0.0.1:$BARE_PORT" "$WARM" "$TMP/keys-any.txt" >/dev/null
  BARE=$(drive "http://127.0.0.1:$BARE_PORT" "$RUN" "$TMP/keys-any.txt")
  check_errors "$BARE" bare
  stop "$BARE_PID"
  BARE_RPS=$(field "$BARE" rps)
  result "bare                acks $BARE_RPS/s  p50 $(field "$BARE" p50_ms) ms  p99 $(field "$BARE" p99_ms) ms"

  log "minimal Camel relay (platform-http -> vertx-http -> vertx-http)"
  free_port RELAY_PORT
  start relay "$TMP/relay" java -Dcamel.server.port="$RELAY_PORT" -Dcamel.server.host=127.0.0.1 \
    -Dagent.port="$AGENT_PORT" -Dchat2desk.port="$C2D_PORT" -Djava.io.tmpdir="$TMP/relay" \
    -Dvertx.cacheDirBase="$TMP/relay/vertx" -cp "$CP" bench.MinimalRelay "$BENCH/relay"
  RELAY_PID=$STARTED_PID
  RELAY_READY=$(wait_http "$RELAY_PID" "$TMP/relay/relay.log" -X POST -H 'Content-Type: application/json' -d '{"text":"ready"}' \
    "http://127.0.0.1:$RELAY_PORT/webhooks/chat2desk/ready")
  drive "http://127.0.0.1:$RELAY_PORT" "$WARM" "$TMP/keys-any.txt" >/dev/null   # its JIT settles within seconds
  standin mark >/dev/null
  S0=$(cpu_ticks "$STANDINS_PID")
  sample_rss "$RELAY_PID" "$RUN" "$TMP/relay-rss"
  RELAY=$(drive "http://127.0.0.1:$RELAY_PORT" "$RUN" "$TMP/keys-any.txt")
  RELAY_STATS=$(standin stats)
  RELAY_STANDINS_CPU=$(calc "($(cpu_ticks "$STANDINS_PID") - $S0) / $TICKS / $(field "$RELAY" duration_s) * 100" 0)
  check_errors "$RELAY" relay
  stop "$RELAY_PID"
  RELAY_E2E=$(field "$RELAY_STATS" rate)
  result "relay               acks $(field "$RELAY" rps)/s  e2e $RELAY_E2E/s  webhook-to-reply p50 $(field "$RELAY_STATS" p50_ms) ms p99 $(field "$RELAY_STATS" p99_ms) ms  ready ${RELAY_READY} ms  RSS $(cat "$TMP/relay-rss") MB  stand-ins CPU ${RELAY_STANDINS_CPU}% of a core"

  log "durable relay (the minimal relay plus one committed write per webhook, removed after the reply)"
  free_port DURABLE_PORT
  start durable "$TMP/durable" java -Dcamel.server.port="$DURABLE_PORT" -Dcamel.server.host=127.0.0.1 \
    -Dagent.port="$AGENT_PORT" -Dchat2desk.port="$C2D_PORT" -Djava.io.tmpdir="$TMP/durable" \
    -Dvertx.cacheDirBase="$TMP/durable/vertx" -cp "$CP" bench.DurableRelay "$BENCH/relay" "$TMP/durable/store/relay.db"
  DURABLE_PID=$STARTED_PID
  DURABLE_READY=$(wait_http "$DURABLE_PID" "$TMP/durable/durable.log" -X POST -H 'Content-Type: application/json' -d '{"text":"ready"}' \
    "http://127.0.0.1:$DURABLE_PORT/webhooks/chat2desk/ready")
  drive "http://127.0.0.1:$DURABLE_PORT" "$WARM" "$TMP/keys-any.txt" >/dev/null
  standin mark >/dev/null
  sample_rss "$DURABLE_PID" "$RUN" "$TMP/durable-rss"
  DURABLE=$(drive "http://127.0.0.1:$DURABLE_PORT" "$RUN" "$TMP/keys-any.txt")
  DURABLE_STATS=$(standin stats)
  check_errors "$DURABLE" "durable relay"
  stop "$DURABLE_PID"
  # acknowledged only after the reply went out: its acks are its end to end as well as its intake
  DURABLE_ACKS=$(field "$DURABLE" rps)
  DURABLE_E2E=$(field "$DURABLE_STATS" rate)
  result "durable relay       acks $DURABLE_ACKS/s  e2e $DURABLE_E2E/s  webhook-to-reply p50 $(field "$DURABLE_STATS" p50_ms) ms p99 $(field "$DURABLE_STATS" p99_ms) ms  ready ${DURABLE_READY} ms  RSS $(cat "$TMP/durable-rss") MB  store left $(du -sk "$TMP/durable/store" | cut -f1) KB"
}
# --instances measures bundles only: the baselines are in the full run
[ "$MODE" = soak ] || [ "$MODE" = ready ] || [ "$INSTANCES" = 1 ] || [ -n "$ONLY" ] || baselines

# --- ready time --------------------------------------------------------------------------------
# median: the median of the numbers on stdin, one a line
median() {
  sort -n | awk '{ v[NR] = $1 }
    END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.0f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# ready_times: the minimal relay and the bundle started one after the other, READY_RUNS times each,
# both with the README's JVM options; the time from the start of the process to ready: for the
# relay its first webhook accepted (relayed to the stand-ins), for the bundle its health UP. The
# bundle runs with the README's command on its defaults (sandbox, demo channel, a SQLite store in
# its folder, kept from one start to the next as a user's is). Sets READY_RELAY and READY_BUNDLE
# (the medians, ms) and READY_RATIO.
ready_times() {
  local i port management pid relay_ms=() bundle_ms=()
  for i in $(seq "$READY_RUNS"); do
    free_port port
    start relay-ready "$TMP/relay-ready" java $README_JAVA_OPTS -Dcamel.server.port="$port" \
      -Dcamel.server.host=127.0.0.1 -Dagent.port="$AGENT_PORT" -Dchat2desk.port="$C2D_PORT" \
      -Djava.io.tmpdir="$TMP/relay-ready" \
      -Dvertx.cacheDirBase="$TMP/relay-ready/vertx" -cp "$CP" bench.MinimalRelay "$BENCH/relay"
    pid=$STARTED_PID
    relay_ms+=("$(wait_http "$pid" "$TMP/relay-ready/relay-ready.log" -X POST -H 'Content-Type: application/json' \
      -d '{"text":"ready"}' "http://127.0.0.1:$port/webhooks/chat2desk/ready")")
    stop "$pid"
    free_port port; free_port management
    start bundle-ready "$TMP/bundle-ready" java $README_JAVA_OPTS -Dcamel.server.port="$port" \
      -Dcamel.management.port="$management" -Djava.io.tmpdir="$TMP/bundle-ready" \
      -Dvertx.cacheDirBase="$TMP/bundle-ready/vertx" -jar "$JAR"
    pid=$STARTED_PID
    bundle_ms+=("$(wait_http "$pid" "$TMP/bundle-ready/bundle-ready.log" \
      "http://127.0.0.1:$management/observe/health/ready")")
    stop "$pid" 10
    log "ready: relay ${relay_ms[-1]} ms, bundle ${bundle_ms[-1]} ms"
  done
  READY_RELAY=$(printf '%s\n' "${relay_ms[@]}" | median)
  READY_BUNDLE=$(printf '%s\n' "${bundle_ms[@]}" | median)
  READY_RATIO=$(calc "$READY_BUNDLE / $READY_RELAY" 3)
  result "ready               bundle $READY_BUNDLE ms (README's command, health UP), minimal relay $READY_RELAY ms" \
    "(first webhook accepted); medians of $READY_RUNS starts each: ${bundle_ms[*]} / ${relay_ms[*]} ms"
}
if [ "$MODE" = ready ]; then
  log "ready time: the README's command and the minimal relay, $READY_RUNS starts each"
  ready_times
  result "target: ready <= 1.5x the minimal relay: ${READY_RATIO}x"
  result "ready/minimal=$READY_RATIO"
  exit 0
fi
if [ "$MODE" != soak ] && [ "$INSTANCES" != 1 ] && [ -z "$ONLY" ]; then
  log "ready time: the README's command and the minimal relay"
  ready_times
fi

# BENCH_PG_URL (jdbc:postgresql://host:port/db, with BENCH_PG_USER and BENCH_PG_PASSWORD): the
# bundles' store is that PostgreSQL instead of an H2 file, each bundle in a schema of its own,
# created when it starts and dropped when it stops
pg_sql() {
  PGUSER="${BENCH_PG_USER:-}" PGPASSWORD="${BENCH_PG_PASSWORD:-}" PGOPTIONS="-c client_min_messages=warning" \
    psql "${BENCH_PG_URL#jdbc:}" -v ON_ERROR_STOP=1 -qtA -c "$1"
}

# bundle NAME [JVM OPTIONS]: starts a bundle with its own store and ports; sets BUNDLE_PID,
# BUNDLE_URL, BUNDLE_LOG, READY_MS
bundle() {
  local name=$1 port management; free_port port; free_port management
  shift
  local dir="$TMP/$name"
  local store=(-Dchannel.store.url="jdbc:sqlite:$dir/store/channels.db")
  if [ -n "${BENCH_PG_URL:-}" ]; then
    # SHARED_SCHEMA: a second instance on the schema of the bundle before; STORE_PG_URL: the
    # database reached another way (through the delay proxy)
    if [ -n "${SHARED_SCHEMA:-}" ]; then
      BUNDLE_SCHEMA=$SHARED_SCHEMA
    else
      BUNDLE_SCHEMA="bench_${name//-/_}_$$"
      pg_sql "CREATE SCHEMA $BUNDLE_SCHEMA" || die "could not create schema $BUNDLE_SCHEMA in $BENCH_PG_URL"
    fi
    store=(-Dchannel.store.url="${STORE_PG_URL:-$BENCH_PG_URL}?currentSchema=$BUNDLE_SCHEMA"
      -Dchannel.store.user="${BENCH_PG_USER:-}" -Dchannel.store.password="${BENCH_PG_PASSWORD:-}")
  fi
  # shellcheck disable=SC2086
  local jfr=""
  # recording from the start: starting it later recompiles half the bundle in the window measured
  if [ "$PROFILE" = 1 ]; then jfr="-XX:StartFlightRecording=name=bench,settings=profile,maxage=15m"; fi
  start bundle "$dir" java $BUNDLE_JAVA_OPTS "$@" $jfr -Dsandbox.enabled=false \
    -Dcamel.server.port="$port" -Dcamel.server.host=127.0.0.1 -Dcamel.management.port="$management" \
    -Dchannel.public-url="http://127.0.0.1:$port" "${store[@]}" \
    -Dagent.url="http://127.0.0.1:$AGENT_PORT${AGENT_BASE:-}" -Dapi.key="$API_KEY" -Dchat2desk.rate-per-second="$RATE" \
    -Djava.io.tmpdir="$dir" -Dvertx.cacheDirBase="$dir/vertx" -jar "$JAR"
  BUNDLE_PID=$STARTED_PID
  BUNDLE_NAME=$name
  BUNDLE_URL="http://127.0.0.1:$port"
  BUNDLE_LOG="$dir/bundle.log"
  READY_MS=$(wait_http "$BUNDLE_PID" "$BUNDLE_LOG" -H "Authorization: Bearer $API_KEY" "$BUNDLE_URL/api/v1/channels")
}

# retire [SECONDS]: stops the bundle (killed after SECONDS); sets DISK to what its store and log took, and frees that space
# unless BENCH_KEEP=1
retire() {
  stop "$BUNDLE_PID" "${1:-2}"
  local dir="$TMP/$BUNDLE_NAME" store_mb
  if [ -n "${BENCH_PG_URL:-}" ]; then
    store_mb=$(pg_sql "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint / 1048576 FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '$BUNDLE_SCHEMA' AND c.relkind IN ('r', 'm')")
    [ "${BENCH_KEEP:-0}" = 1 ] || pg_sql "DROP SCHEMA $BUNDLE_SCHEMA CASCADE"
  else
    store_mb=$(du -sm "$dir/store" | cut -f1)
  fi
  DISK="store $store_mb MB, log $(du -sm "$BUNDLE_LOG" | cut -f1) MB"
  if [ "${BENCH_KEEP:-0}" != 1 ]; then rm -rf "$dir/store" "$BUNDLE_LOG"; fi
}

# channels COUNT KEYS [LANE [AGENT_URL]]: created and activated through the management API; with
# LANE their Chat2Desk is the stand-in's /lane/LANE/v1 (counted apart), with AGENT_URL their Agent
channels() {
  local api="http://127.0.0.1:$C2D_PORT/v1"
  if [ -n "${3:-}" ]; then api="http://127.0.0.1:$C2D_PORT/lane/$3/v1"; fi
  java -cp "$CP" bench.Channels "$BUNDLE_URL" "$API_KEY" "$api" "$1" 16 "$2" ${4:+"$4"} \
    || { tail -20 "$BUNDLE_LOG" >&2; die "channels could not be activated"; }
}

# paced RATE SECONDS KEYS [LATENCY_MS]: wrk at about RATE webhooks/s (each connection pauses
# connections/RATE less the expected ack latency); sets PACED (BENCH line), PACED_STATS (stand-in)
paced() {
  local rate=$1 seconds=$2 keys=$3 latency=${4:-0}
  local delay; delay=$(calc "$CONNECTIONS * 1000 / $rate - $latency" 0)
  [ "$delay" -ge 1 ] || delay=1
  standin mark >/dev/null
  PACED=$(drive "$BUNDLE_URL" "$seconds" "$keys" "$delay")
  PACED_STATS=$(standin stats)
  check_errors "$PACED" "$BUNDLE_NAME"
}

# ramp SECONDS KEYS [FROM]: warms the bundle up (its JIT) while finding the highest webhook rate it
# answers in full (replies counted in a step within 5 % of the webhooks sent, the rest being in
# flight): paced steps from FROM (100) webhooks/s, up by a gain while the replies keep up (the gain growing back
# to 50 %); a step that falls behind continues from its reply rate with half the gain, so slow
# steps while the JIT is still at work do not end the search early.
# A saturating warm-up instead would leave a backlog behind which every later message of a chat
# waits. Sets RAMP_RATE (the highest rate answered in full) and RAMP_LATENCY (ack p50 there).
ramp() {
  local until=$((SECONDS + $1)) keys=$2 rate=${3:-100} gain=0.5 latency=0 sent replied best=0
  RAMP_LATENCY=0
  while [ "$SECONDS" -lt "$until" ]; do
    paced "$rate" "$RAMP_STEP" "$keys" "$latency"
    sent=$(field "$PACED" rps); replied=$(field "$PACED_STATS" rate); latency=$(field "$PACED" p50_ms)
    log "  ramp: sent $sent/s, answered $replied/s, ack p50 $latency ms"
    if [ "$(calc "($(field "$PACED_STATS" window_accepted) >= 0.95 * $(field "$PACED" requests))" 0)" = 1 ]; then
      if [ "$(calc "($rate > $best)" 0)" = 1 ]; then best=$rate; RAMP_LATENCY=$latency; fi
      rate=$(calc "$rate * (1 + $gain)" 1)
      gain=$(calc "($gain * 1.5 > 0.5) ? 0.5 : ($gain * 1.5)" 3)
    else
      gain=$(calc "($gain / 2 < 0.05) ? 0.05 : ($gain / 2)" 3)
      rate=$(calc "($replied < 10) ? 10 : $replied" 1)
    fi
  done
  RAMP_RATE=$(calc "($best > 0) ? $best : $rate" 1)
}

# settle: waits (at most 60 s) until the bundle has answered its backlog: replies stop arriving
settle() {
  for _ in $(seq 60); do
    standin mark >/dev/null
    sleep 1
    [ "$(field "$(standin stats)" window_accepted)" -ge 2 ] || return 0
  done
  log "WARNING: the bundle still had a backlog after 60 s"
}

# window NAME KIND SECONDS-FILE: CPU of the bundle's threads and of the stand-ins over a measured
# window, and its JFR recording with --profile: "window NAME start" before, "window NAME end S" after
window() {
  local name=$1 what=$2
  if [ "$what" = start ]; then
    WINDOW_S0=$(cpu_ticks "$STANDINS_PID"); WINDOW_B0=$(cpu_ticks "$BUNDLE_PID"); WINDOW_I0=$(idle_ticks)
    thread_ticks "$BUNDLE_PID" >"$TMP/$name-threads-0"
    WINDOW_FROM=$(date +%s%3N)
    return
  fi
  local seconds=$3
  thread_ticks "$BUNDLE_PID" >"$TMP/$name-threads-1"
  STANDINS_CPU=$(calc "($(cpu_ticks "$STANDINS_PID") - $WINDOW_S0) / $TICKS / $seconds * 100" 0)
  BUNDLE_CPU=$(calc "($(cpu_ticks "$BUNDLE_PID") - $WINDOW_B0) / $TICKS / $seconds * 100" 0)
  BUNDLE_THREADS=$(thread_cpu "$TMP/$name-threads-0" "$TMP/$name-threads-1" "$seconds")
  # shellcheck disable=SC2086
  MACHINE_IDLE=$(echo $WINDOW_I0 $(idle_ticks) | awk '{ printf "%.0f", ($3 - $1) / ($4 - $2) * 100 }')
  if [ "$PROFILE" = 1 ]; then
    local to; to=$(date +%s%3N)
    jcmd "$BUNDLE_PID" JFR.dump name=bench filename="$OUT/$name.jfr" >/dev/null
    PROFILED+=("$name $WINDOW_FROM $to")   # read once the load is over, not to steal its CPU
  fi
}

# measure_e2e NAME KEYS: after the ramp and its backlog, the reply rate with webhooks arriving at
# the highest rate the ramp saw answered in full; sets E2E_LINE, E2E_STATS, E2E_CPU
measure_e2e() {
  local name=$1 keys=$2
  window "$name-e2e" start
  paced "$RAMP_RATE" "$RUN" "$keys" "$RAMP_LATENCY"
  window "$name-e2e" end "$(field "$PACED" duration_s)"
  E2E_LINE=$PACED; E2E_STATS=$PACED_STATS
  E2E_CPU="bundle ${BUNDLE_CPU}% (${BUNDLE_THREADS}), stand-ins ${STANDINS_CPU}%; machine idle ${MACHINE_IDLE}%"
}

# measure_intake NAME KEYS: wrk as fast as it goes, then what the bundle still answers once the
# load stops; sets INTAKE, SATURATED_STATS, DRAIN_STATS, INTAKE_CPU
measure_intake() {
  local name=$1 keys=$2
  standin mark >/dev/null
  window "$name-intake" start
  INTAKE=$(drive "$BUNDLE_URL" "$RUN" "$keys")
  SATURATED_STATS=$(standin stats)
  window "$name-intake" end "$(field "$INTAKE" duration_s)"
  check_errors "$INTAKE" "$name"
  INTAKE_CPU="bundle ${BUNDLE_CPU}% (${BUNDLE_THREADS}), stand-ins ${STANDINS_CPU}%; machine idle ${MACHINE_IDLE}%"
  standin mark >/dev/null
  sleep "$DRAIN"
  DRAIN_STATS=$(standin stats)
}

# report LABEL: the figures of measure_e2e and measure_intake
report() {
  local label=$1
  result "$label e2e $(field "$E2E_STATS" rate)/s (webhooks sent $(field "$E2E_LINE" rps)/s)  webhook-to-reply p50 $(field "$E2E_STATS" p50_ms) ms p99 $(field "$E2E_STATS" p99_ms) ms  acks p99 $(field "$E2E_LINE" p99_ms) ms"
  result "$label   CPU in % of a core: $E2E_CPU"
  result "$label intake $(field "$INTAKE" rps)/s  acks p50 $(field "$INTAKE" p50_ms) ms p99 $(field "$INTAKE" p99_ms) ms  (replies meanwhile $(field "$SATURATED_STATS" rate)/s, after it $(field "$DRAIN_STATS" rate)/s)"
  result "$label   CPU in % of a core: $INTAKE_CPU"
}

# --- an Agent that thinks for seconds, and neighbours -------------------------------------------
# sample_peak PID SECONDS FILE: the largest RSS (MB) and number of threads seen every half second,
# as "RSS THREADS", in the background
sample_peak() {
  local pid=$1 seconds=$2 file=$3
  (rss=0; threads=0; for _ in $(seq $((seconds * 2))); do
     # (a process that has just ended may leave no figure)
     r=$(rss_mb "$pid" 2>/dev/null || true); [ "${r:-0}" -gt "$rss" ] && rss=$r
     t=$(ls "/proc/$pid/task" 2>/dev/null | wc -l); [ "$t" -gt "$threads" ] && threads=$t
     echo "$rss $threads" >"$file"; sleep 0.5
   done) &
}

# instant_e2e: the end to end of one channel with the instant Agent (as the full run measures it),
# for a run of --slowagent alone; sets E2E_1 and leaves the bundle running for slowagent
instant_e2e() {
  log "bundle with 1 channel and the instant Agent: warm-up ramp, end to end"
  bundle bundle-1
  channels 1 "$TMP/keys-1.txt" >/dev/null
  ramp "$BUNDLE_WARM" "$TMP/keys-1.txt"
  settle
  measure_e2e bundle-1 "$TMP/keys-1.txt"
  E2E_1=$(field "$E2E_STATS" rate)
  result "bundle 1 channel    e2e $E2E_1/s (webhooks sent $(field "$E2E_LINE" rps)/s)  webhook-to-reply p50 $(field "$E2E_STATS" p50_ms) ms p99 $(field "$E2E_STATS" p99_ms) ms"
}

# slowagent RATE: on the running bundle, warmed up by the instant-Agent cases (so both are measured
# with the same JIT), a second channel whose Agent answers after AGENT_MS; webhooks spread over
# SLOW_CLIENTS chats, arriving at RATE/s (what the bundle answered with the instant Agent). Keeping
# up takes RATE x AGENT_MS Agent calls in flight; the Agent stand-in counts those open at once.
# Sets SLOW_RATIO (its end to end over RATE)
slowagent() {
  # (at least 10/s: paced over 32 connections, a slower rate sends nothing in a short window)
  local rate; rate=$(calc "($1 < 10) ? 10 : $1" 1)
  # the first window fills the calls in flight; each corrects its pacing by the ack latency of the one before
  local fill=$((2 * AGENT_MS / 1000 + RAMP_STEP))
  log "the same bundle, a channel whose Agent answers after $AGENT_MS ms, $SLOW_CLIENTS chats, webhooks at $rate/s"
  settle
  channels 1 "$TMP/keys-slow.txt" "" "http://127.0.0.1:$AGENT_PORT/after/$AGENT_MS" >/dev/null
  agent agent-mark >/dev/null
  sample_peak "$BUNDLE_PID" $((fill + RAMP_STEP + RUN)) "$TMP/bundle-slow-peak"
  CONNECTIONS=$SLOW_CONNECTIONS CLIENTS=$SLOW_CLIENTS paced "$rate" "$fill" "$TMP/keys-slow.txt" "$RAMP_LATENCY"
  CONNECTIONS=$SLOW_CONNECTIONS CLIENTS=$SLOW_CLIENTS paced "$rate" "$RAMP_STEP" "$TMP/keys-slow.txt" "$(field "$PACED" p50_ms)"
  window bundle-slow start
  CONNECTIONS=$SLOW_CONNECTIONS CLIENTS=$SLOW_CLIENTS paced "$rate" "$RUN" "$TMP/keys-slow.txt" "$(field "$PACED" p50_ms)"
  window bundle-slow end "$(field "$PACED" duration_s)"
  local calls e2e peak
  calls=$(agent agent); e2e=$(field "$PACED_STATS" rate); peak=$(cat "$TMP/bundle-slow-peak")
  SLOW_RATIO=$(calc "($1 > 0) ? $e2e / $1 : 0" 4)
  result "slowagent           e2e $e2e/s (webhooks sent $(field "$PACED" rps)/s over $SLOW_CLIENTS chats, Agent answering after $AGENT_MS ms)  webhook-to-reply p50 $(field "$PACED_STATS" p50_ms) ms p99 $(field "$PACED_STATS" p99_ms) ms  acks p99 $(field "$PACED" p99_ms) ms"
  result "slowagent             CPU in % of a core: bundle ${BUNDLE_CPU}% (${BUNDLE_THREADS}), stand-ins ${STANDINS_CPU}%; machine idle ${MACHINE_IDLE}%"
  result "slowagent             Agent calls in flight at most $(field "$calls" peak) (keeping up with $rate/s takes $(calc "$rate * $AGENT_MS / 1000" 0))  RSS at most ${peak% *} MB, threads at most ${peak#* }"
}

# burst NAME KEYS COUNT CLIENTS RATE PARALLEL [AT]: bench.Burst sends COUNT webhooks to the channel of
# KEYS over CLIENTS chats, RATE/s (0: all at once through PARALLEL connections), in the
# background, from the epoch millisecond AT if given; sets STARTED_PID, its BURST line in $TMP/bursts/NAME.log
burst() {
  local run; run=$(( $(cat "$TMP/runs") + 1 )); echo "$run" >"$TMP/runs"
  start "$1" "$TMP/bursts" java -XX:+UseSerialGC -Xmx64m -cp "$CP" bench.Burst "$BUNDLE_URL" "$2" \
    "$((run * 10000000000))" "$3" "$4" "$5" "$6" ${7:+"$7"}
}
# finished PID...: waits until those processes have ended
finished() { for pid in "$@"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done; done; }
burst_field() { field "$(cat "$TMP/bursts/$1.log")" "$2"; }
# lane_wait LANE COUNT: until the stand-in's lane has had COUNT replies since the mark (at most 5 minutes)
lane_wait() {
  for _ in $(seq 600); do
    [ "$(field "$(standin "stats?lane=$1")" window_accepted)" -lt "$2" ] || return 0
    sleep 0.5
  done
  log "WARNING: lane $1 got $(field "$(standin "stats?lane=$1")" window_accepted) of $2 replies in 5 minutes"
}

# neighbour: three channels of one bundle with a Chat2Desk limit of NB_RATE calls/s per channel.
# C, quiet, gets NB_PACE messages/s for NB_SECONDS alone, then once more while A is flooded far
# above its limit and B's slow Agent has a backlog; C's webhook-to-reply time in both.
# Sets NB_RATIO (C's p99 beside them over C's p99 alone)
neighbour() {
  local count=$((NB_PACE * NB_SECONDS)) a b c
  log "neighbours: channels A, B, C, at most $NB_RATE Chat2Desk calls/s each"
  RATE=$NB_RATE bundle bundle-neighbour
  channels 1 "$TMP/keys-a.txt" a >/dev/null
  channels 1 "$TMP/keys-b.txt" b "http://127.0.0.1:$AGENT_PORT/after/$NB_AGENT_MS" >/dev/null
  channels 1 "$TMP/keys-c.txt" c >/dev/null
  # a bundle serving many channels runs warm: before C, A and B, the same warm-up ramp as every
  # bundle here, over NB_WARM_CHANNELS other channels (the limit of 10 calls/s is each channel's),
  # so that the flood measures how channels share the bundle, not its JIT compiling the paths
  channels "$NB_WARM_CHANNELS" "$TMP/keys-nb-warm.txt" >/dev/null
  ramp "$BUNDLE_WARM" "$TMP/keys-nb-warm.txt"
  settle
  standin mark >/dev/null
  burst c-warm "$TMP/keys-c.txt" 50 50 0 4; c=$STARTED_PID
  finished "$c"
  lane_wait c "$(burst_field c-warm acked)"
  log "  C alone: $NB_PACE messages/s for ${NB_SECONDS}s"
  standin mark >/dev/null
  burst c-alone "$TMP/keys-c.txt" "$count" 50 "$NB_PACE" 4 "$(( $(date +%s%3N) + 2000 ))"; c=$STARTED_PID
  finished "$c"
  lane_wait c "$(burst_field c-alone acked)"
  local alone; alone=$(standin "stats?lane=c")
  log "  C beside A ($NB_FLOOD messages at once) and B ($NB_BACKLOG at once, its Agent answering after $NB_AGENT_MS ms)"
  standin mark >/dev/null
  # every sender's JVM has started before the first webhook: C's one second, A's and B's three
  # seconds in (C's first five messages go in while the bundle is still quiet)
  local at; at=$(date +%s%3N)
  burst c-beside "$TMP/keys-c.txt" "$count" 50 "$NB_PACE" 4 "$((at + 2000))"; c=$STARTED_PID
  burst a "$TMP/keys-a.txt" "$NB_FLOOD" 200 0 32 "$((at + 3000))"; a=$STARTED_PID
  burst b "$TMP/keys-b.txt" "$NB_BACKLOG" "$NB_BACKLOG" 0 32 "$((at + 3000))"; b=$STARTED_PID
  finished "$a" "$b" "$c"
  lane_wait c "$(burst_field c-beside acked)"
  local beside lane_a lane_b
  beside=$(standin "stats?lane=c"); lane_a=$(standin "stats?lane=a"); lane_b=$(standin "stats?lane=b")
  retire
  NB_RATIO=$(calc "$(field "$beside" p99_ms) / (($(field "$alone" p99_ms) < 1) ? 1 : $(field "$alone" p99_ms))" 2)
  result "neighbour C alone   $(burst_field c-alone acked) of $(burst_field c-alone sent) acked, $NB_PACE/s  webhook-to-reply p50 $(field "$alone" p50_ms) ms p99 $(field "$alone" p99_ms) ms  acks p99 $(burst_field c-alone ack_p99_ms) ms"
  result "neighbour C beside  $(burst_field c-beside acked) of $(burst_field c-beside sent) acked, $NB_PACE/s  webhook-to-reply p50 $(field "$beside" p50_ms) ms p99 $(field "$beside" p99_ms) ms  acks p99 $(burst_field c-beside ack_p99_ms) ms  (A: $(burst_field a acked) acked in $(burst_field a seconds) s, $(field "$lane_a" window_accepted) answered; B: $(burst_field b acked) acked in $(burst_field b seconds) s, $(field "$lane_b" window_accepted) answered, by the time C's were)"
}

# many_channels: a bundle with CHANNELS channels, webhooks spread over all of them: its warm-up
# ramp, end to end and intake; sets E2E_MANY
many_channels() {
  log "bundle with $CHANNELS channels"
  bundle bundle-many
  CREATED=$(channels "$CHANNELS" "$TMP/keys-many.txt")
  sleep "$IDLE"
  IDLE_RSS_MANY=$(rss_mb "$BUNDLE_PID")
  ramp "$BUNDLE_WARM" "$TMP/keys-many.txt"
  settle
  sample_rss "$BUNDLE_PID" $((RUN * 2 + DRAIN)) "$TMP/bundle-many-rss"
  measure_e2e bundle-many "$TMP/keys-many.txt"
  E2E_MANY=$(field "$E2E_STATS" rate)
  measure_intake bundle-many "$TMP/keys-many.txt"
  retire
  result "bundle $CHANNELS channels  ${CREATED#channels }  (created and activated through the API)"
  result "bundle $CHANNELS channels  RSS idle $IDLE_RSS_MANY MB, under load $(cat "$TMP/bundle-many-rss") MB  disk: $DISK"
  report "bundle $CHANNELS channels"
}

if [ -n "$ONLY" ]; then
  SLOW_RATIO=-; NB_RATIO=-
  if [[ "$ONLY" == *slowagent* || "$ONLY" == *channels* ]]; then instant_e2e; fi
  if [[ "$ONLY" == *slowagent* ]]; then slowagent "$E2E_1"; fi
  if [[ "$ONLY" == *slowagent* || "$ONLY" == *channels* ]]; then retire; fi
  if [[ "$ONLY" == *channels* ]]; then
    many_channels
    result "channels=$(calc "$E2E_MANY / $E2E_1" 3)"
  fi
  if [[ "$ONLY" == *neighbour* ]]; then neighbour; fi
  log "done in ${SECONDS}s"
  result "slowagent/instant=$SLOW_RATIO neighbour_p99/alone=$NB_RATIO"
  exit 0
fi

# --- soak: disk, memory and threads under a steady load, across a restart -----------------------
# store_mb: the store's files (database, write-ahead log and its index) in MB, one decimal
store_mb() { du -sk "$TMP/bundle-soak/store" | awk '{ printf "%.1f", $1 / 1024 }'; }
threads() { ls "/proc/$1/task" | wc -l; }
# soak_sample: one line of figures, at the minutes since the soak began (the restart included);
# the replies are the stand-in's count of all it accepted, so none in flight at the restart is missed
soak_sample() {
  local answered rows kept minute
  minute=$(calc "($SECONDS - $SOAK_START) / 60" 1)
  answered=$(field "$(standin stats)" accepted)
  local rate; rate=$(calc "($answered - $SOAK_ANSWERED) / ($SECONDS - $SOAK_LAST)" 0)
  SOAK_ANSWERED=$answered; SOAK_LAST=$SECONDS
  rows=$(java -cp "$CP" bench.StoreRows "$TMP/bundle-soak/store/channels.db")
  kept=$(echo "$rows" | sed 's/keys=\([0-9]*\).*/\1/')
  local mb; mb=$(store_mb)
  local per_row; per_row=$(calc "($kept > 0) ? $mb * 1048576 / $kept : 0" 0)
  local rss; rss=$(rss_mb "$BUNDLE_PID")
  [ "$rss" -gt "$SOAK_RSS_MAX" ] && SOAK_RSS_MAX=$rss
  [ "$(calc "($mb > $SOAK_STORE_MAX)" 0)" = 1 ] && SOAK_STORE_MAX=$mb
  result "$(printf 'soak %5.1f min' "$minute")  answered $((SOAK_ANSWERED - SOAK_BASE)) ($rate/s)  store $mb MB  $rows  $per_row bytes per key kept  RSS $rss MB  threads $(threads "$BUNDLE_PID")"
  echo "$minute $mb $SOAK_ANSWERED $kept" >>"$TMP/soak-series"
}
# soak_half SECONDS: webhooks at SOAK_RATE for SECONDS, a sample every 30 s meanwhile
soak_half() {
  local seconds=$1 delay; delay=$(calc "$CONNECTIONS * 1000 / $SOAK_RATE" 0)
  (drive "$BUNDLE_URL" "$seconds" "$TMP/keys-soak.txt" "$delay" >"$TMP/soak-wrk-$SOAK_PART.txt") &
  local wrk=$! next=$((SECONDS + 30))
  while kill -0 "$wrk" 2>/dev/null; do
    sleep 1
    if [ "$SECONDS" -ge "$next" ]; then soak_sample; next=$((next + 30)); fi
  done
  wait "$wrk"
  check_errors "$(cat "$TMP/soak-wrk-$SOAK_PART.txt")" "soak part $SOAK_PART"
  result "soak part $SOAK_PART: sent $(field "$(cat "$TMP/soak-wrk-$SOAK_PART.txt")" rps)/s, acks p99 $(field "$(cat "$TMP/soak-wrk-$SOAK_PART.txt")" p99_ms) ms"
}
if [ "$MODE" = soak ]; then
  log "soak: $SOAK_RATE webhooks/s for $SOAK_MINUTES minutes, finished entries kept $SOAK_RETENTION minutes, a restart halfway"
  SOAK_ANSWERED=0; SOAK_RSS_MAX=0; SOAK_STORE_MAX=0; SOAK_PART=1
  HALF=$((SOAK_MINUTES * 30))
  bundle bundle-soak "-Ddispatch.retention-minutes=$SOAK_RETENTION"
  channels 1 "$TMP/keys-soak.txt" >/dev/null
  SOAK_START=$SECONDS; SOAK_LAST=$SECONDS
  SOAK_ANSWERED=$(field "$(standin stats)" accepted); SOAK_BASE=$SOAK_ANSWERED
  soak_half "$HALF"
  log "soak: a clean stop and a start on the same store"
  stop "$BUNDLE_PID" 30
  mv "$TMP/bundle-soak/bundle.log" "$TMP/bundle-soak/bundle-first.log"
  result "soak stopped: store $(store_mb) MB"
  bundle bundle-soak "-Ddispatch.retention-minutes=$SOAK_RETENTION"
  result "soak started again: store $(store_mb) MB, ready in $READY_MS ms"
  SOAK_PART=2
  soak_half "$HALF"
  sleep 10   # the last replies in flight
  soak_sample
  # growth once the retention window has passed (and the purge, running every minute, caught up)
  STEADY_FROM=$(calc "$SOAK_RETENTION + 2" 1)
  STEADY=$(awk -v from="$STEADY_FROM" '$1 >= from { if (first == "") { first = $2; t0 = $1 } last = $2; t1 = $1 }
    END { if (first == "") print "n/a"; else printf "%+.1f MB from minute %.1f to %.1f", last - first, t0, t1 }' "$TMP/soak-series")
  PER_MESSAGE=$(awk '$4 > 0 { b = $2 * 1048576 / $4 } END { printf "%.0f", b }' "$TMP/soak-series")
  stop "$BUNDLE_PID" 30
  {
    echo "soak result: store at most $SOAK_STORE_MAX MB (limit 1024 MB); $PER_MESSAGE bytes of store per message kept at the end (limit 2048)"
    echo "             once the $SOAK_RETENTION-minute window had passed: $STEADY; RSS at most $SOAK_RSS_MAX MB (limit 400 MB)"
    echo "             messages answered: $((SOAK_ANSWERED - SOAK_BASE)) of $(( $(field "$(cat "$TMP/soak-wrk-1.txt")" requests) + $(field "$(cat "$TMP/soak-wrk-2.txt")" requests) )) sent"
  } | tee -a "$RESULTS"
  exit 0
fi

# --- several instances on one PostgreSQL -------------------------------------------------------
# pg_ticks: CPU ticks of every PostgreSQL process of this machine (the server and its backends)
pg_ticks() { awk '$2 == "(postgres)" { t += $14 + $15 } END { print t + 0 }' /proc/[0-9]*/stat 2>/dev/null || true; }
# pg_counters: "commits rows" written in the bench's database so far
pg_counters() {
  pg_sql "SELECT xact_commit, tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname = current_database()" | tr '|' ' '
}

# pg_statements_reset / pg_statements LABEL MESSAGES: with pg_stat_statements in the database (and
# the right to reset it: see bench/README.md), the statements that took most of PostgreSQL's time
# in the measured window, per message: how often each ran, its time and the pages it read. Only
# this database's statistics are reset
pg_statements_reset() {
  PG_STATEMENTS=0
  # without the extension (a plain install) the statements are not shown, and the case goes on
  if pg_sql "SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)" \
    >/dev/null 2>&1; then
    PG_STATEMENTS=1
  fi
}
pg_statements() {
  [ "$PG_STATEMENTS" = 1 ] || return 0
  pg_sql "SELECT round(calls / $2, 2), round((total_exec_time / $2)::numeric, 3), round((shared_blks_hit + shared_blks_read) / $2, 1),
            left(regexp_replace(query, '\\s+', ' ', 'g'), 90)
          FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          ORDER BY total_exec_time DESC LIMIT 8" | while IFS='|' read -r calls ms pages query; do
    result "$1     $calls x, $ms ms, $pages pages: $query"
  done
}

# instances_case LABEL PIDS...: warms up and measures end to end through BUNDLE_URL; the CPU of
# the bundles PIDS and of PostgreSQL, and its commits and rows written, per message. With CORES
# (one per PID), each bundle is pinned to its core (taskset) once warmed up on all of them, then
# ramped again: pinned from the start, a bundle's JIT compiler shares its one core with the load
# and the bundle is measured half compiled
instances_case() {
  local label=$1; shift
  local pids=("$@") keys="$TMP/keys-$BUNDLE_NAME.txt" cores=(${CORES:-}) i warmed="a ${INSTANCE_WARM}s warm-up"
  ramp "$INSTANCE_WARM" "$keys"
  if [ "${#cores[@]}" -gt 0 ]; then
    warmed="$warmed on all cores, then ${BUNDLE_WARM}s pinned"
    for i in "${!cores[@]}"; do
      taskset -a -p -c "${cores[$i]}" "${@:$((i + 1)):1}" >/dev/null || die "could not pin the bundle to core ${cores[$i]}"
    done
    settle
    # from half the rate found on all cores: from 100/s, 45 s did not reach a pinned bundle's
    ramp "$BUNDLE_WARM" "$keys" "$(calc "$RAMP_RATE / 2" 0)"
  fi
  settle
  local b0=0 b1=0 j0=0 j1=0 pid p0 p1 c0 c1 seconds rate
  for pid in "$@"; do
    b0=$((b0 + $(cpu_ticks "$pid"))); j0=$((j0 + $(compiler_ticks "$pid"))); thread_ticks "$pid" >"$TMP/threads-$pid-0"
  done
  p0=$(pg_ticks); c0=$(pg_counters); pg_statements_reset
  measure_e2e "$BUNDLE_NAME" "$keys"
  for pid in "$@"; do
    b1=$((b1 + $(cpu_ticks "$pid"))); j1=$((j1 + $(compiler_ticks "$pid"))); thread_ticks "$pid" >"$TMP/threads-$pid-1"
  done
  p1=$(pg_ticks); c1=$(pg_counters)
  seconds=$(field "$E2E_LINE" duration_s); rate=$(field "$E2E_STATS" rate)
  # shellcheck disable=SC2086
  set -- $c0 $c1
  result "$label e2e $rate/s (webhooks sent $(field "$E2E_LINE" rps)/s)  webhook-to-reply p50 $(field "$E2E_STATS" p50_ms) ms p99 $(field "$E2E_STATS" p99_ms) ms  acks p99 $(field "$E2E_LINE" p99_ms) ms"
  result "$label   CPU in % of a core: bundles $(calc "($b1 - $b0) / $TICKS / $seconds * 100" 0)% (their JIT compilers $(calc "($j1 - $j0) / $TICKS / $seconds * 100" 0)%, after $warmed), PostgreSQL $(calc "($p1 - $p0) / $TICKS / $seconds * 100" 0)%, machine idle ${MACHINE_IDLE}%"
  local messages; messages=$(calc "($rate > 0) ? $rate * $seconds : 1" 1)
  result "$label   per message: bundle CPU $(calc "($b1 - $b0) / $TICKS / $messages * 1000" 2) ms, PostgreSQL CPU $(calc "($p1 - $p0) / $TICKS / $messages * 1000" 2) ms, commits $(calc "($3 - $1) / $messages" 1), rows written $(calc "($4 - $2) / $messages" 1) (the whole database's)"
  for pid in "${pids[@]}"; do
    result "$label   busiest threads of bundle $pid: $(thread_cpu "$TMP/threads-$pid-0" "$TMP/threads-$pid-1" "$seconds")"
  done
  [ "$PG_STATEMENTS" = 1 ] && result "$label   per message, the statements that took PostgreSQL's time most (runs, time, pages read):"
  pg_statements "$label" "$messages"
  CASE_RATE=$rate
}

# BENCH_INSTANCE_CASES: which cases --instances measures (all four by default; the ratios need
# "one delayed" and "pinned two")
INSTANCE_CASES=" ${BENCH_INSTANCE_CASES:-one pinned two delayed} "
wanted() { [[ "$INSTANCE_CASES" == *" $1 "* ]]; }
if [ "$INSTANCES" = 1 ]; then
  ONE=0; ONE_PINNED=0; TWO_PINNED=0; DELAYED=0
  if wanted one; then
    log "one instance on PostgreSQL"
    bundle one
    channels 1 "$TMP/keys-one.txt" >/dev/null
    instances_case "one instance           " "$BUNDLE_PID"
    ONE=$CASE_RATE
    retire
  fi

  if wanted pinned; then
    log "one instance pinned to core 0"
    bundle one-pinned
    channels 1 "$TMP/keys-one-pinned.txt" >/dev/null
    CORES=0 instances_case "one pinned (core 0)    " "$BUNDLE_PID"
    ONE_PINNED=$CASE_RATE
    retire
  fi

  if wanted two; then
    log "two instances pinned to cores 0 and 1, one schema, each of wrk's threads sending to one of them"
    bundle two-pinned
    channels 1 "$TMP/keys-two-pinned.txt" >/dev/null
    FIRST_PID=$BUNDLE_PID; FIRST_URL=$BUNDLE_URL
    SHARED_SCHEMA=$BUNDLE_SCHEMA bundle two-pinned-second
    SECOND_PID=$BUNDLE_PID; SECOND_URL=$BUNDLE_URL
    BUNDLE_PID=$FIRST_PID; BUNDLE_NAME=two-pinned; BUNDLE_LOG="$TMP/two-pinned/bundle.log"; BUNDLE_URL=$FIRST_URL
    # wrk's threads send to each instance in turn, as a load balancer spreads its connections;
    # a balancer on this machine would take CPU from the instances it measures. Each sees half the
    # messages, so each warms up for twice as long, to as many messages as one instance had: with
    # the same warm-up their JIT compilers still took 17-27 % of a core in the measured window
    INSTANCE_WARM=$((2 * INSTANCE_WARM)) SPREAD="${FIRST_URL#http://} ${SECOND_URL#http://}" CORES="0 1" \
      instances_case "two pinned (cores 0, 1)" "$FIRST_PID" "$SECOND_PID"
    TWO_PINNED=$CASE_RATE
    stop "$SECOND_PID"
    retire   # the first instance, and the schema both used
  fi

  if wanted delayed; then
    log "one instance, with 1 ms added to each round trip to PostgreSQL (a proxy holding each chunk 0.5 ms each way)"
    PG_HOSTPORT=$(echo "$BENCH_PG_URL" | sed -E 's#^jdbc:postgresql://([^/]+)/.*#\1#')
    case "${PG_HOSTPORT%:*}" in
      127.0.0.1|localhost) ;;
      *) die "the delay proxy reaches PostgreSQL on 127.0.0.1 only, not ${PG_HOSTPORT%:*}" ;;
    esac
    PG_PORT=5432; [ "$PG_HOSTPORT" = "${PG_HOSTPORT%:*}" ] || PG_PORT=${PG_HOSTPORT##*:}
    free_port DELAY_PORT
    start delay "$TMP/delay" java -XX:+UseSerialGC -Xmx64m -cp "$CP" bench.TcpProxy "$DELAY_PORT" 500 "$PG_PORT"
    DELAY_PID=$STARTED_PID
    for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$DELAY_PORT") 2>/dev/null && break; sleep 0.1; done
    STORE_PG_URL="jdbc:postgresql://127.0.0.1:$DELAY_PORT/${BENCH_PG_URL##*/}" bundle one-delayed
    channels 1 "$TMP/keys-one-delayed.txt" >/dev/null
    instances_case "one, +1 ms round trip  " "$BUNDLE_PID"
    DELAYED=$CASE_RATE
    retire
    stop "$DELAY_PID"
  fi

  log "done in ${SECONDS}s"
  ratio() { if [ "$(calc "($2 > 0)" 0)" = 1 ]; then calc "$1 / $2" 3; else echo "-"; fi; }
  result "targets: two pinned >= 1.6x one pinned: $(ratio "$TWO_PINNED" "$ONE_PINNED")x; +1 ms round trip >= 0.7x local: $(ratio "$DELAYED" "$ONE")x"
  result "two/one-pinned=$(ratio "$TWO_PINNED" "$ONE_PINNED") delayed/local=$(ratio "$DELAYED" "$ONE")"
  exit 0
fi

log "bundle with 1 channel: start, warm-up ramp, end to end, latency at half of it, intake"
bundle bundle-1
READY_1=$READY_MS
channels 1 "$TMP/keys-1.txt" >/dev/null
sleep "$IDLE"
IDLE_RSS_1=$(rss_mb "$BUNDLE_PID")
ramp "$BUNDLE_WARM" "$TMP/keys-1.txt"
settle
sample_rss "$BUNDLE_PID" $((RUN * 3 + WARM + DRAIN)) "$TMP/bundle-1-rss"
# webhook-to-reply time when the bundle is not overloaded: at half the rate it keeps up with
HALF_E2E=$(calc "($RAMP_RATE < 2) ? 1 : ($RAMP_RATE / 2)" 1)
paced "$HALF_E2E" "$WARM" "$TMP/keys-1.txt" "$RAMP_LATENCY"
paced "$HALF_E2E" "$RUN" "$TMP/keys-1.txt" "$(field "$PACED" p50_ms)"
HALF_E2E_LINE=$PACED; HALF_E2E_STATS=$PACED_STATS
settle
measure_e2e bundle-1 "$TMP/keys-1.txt"
E2E_1=$(field "$E2E_STATS" rate)
measure_intake bundle-1 "$TMP/keys-1.txt"
LOAD_RSS_1=$(cat "$TMP/bundle-1-rss")
CAMEL_STARTED=$(grep -o 'started in [^)]*)' "$BUNDLE_LOG" | awk 'NR == 1' || true)
# the same warm bundle, once the intake's backlog is answered: an Agent that takes its time
slowagent "$E2E_1"
retire
INTAKE_1_RPS=$(field "$INTAKE" rps)
result "bundle 1 channel    ready $READY_1 ms (Camel: $CAMEL_STARTED)  RSS idle $IDLE_RSS_1 MB, under load $LOAD_RSS_1 MB  disk: $DISK"
report "bundle 1 channel   "
result "bundle 1 channel    at half of it: sent $(field "$HALF_E2E_LINE" rps)/s  acks p50 $(field "$HALF_E2E_LINE" p50_ms) ms p99 $(field "$HALF_E2E_LINE" p99_ms) ms  e2e $(field "$HALF_E2E_STATS" rate)/s  webhook-to-reply p50 $(field "$HALF_E2E_STATS" p50_ms) ms p99 $(field "$HALF_E2E_STATS" p99_ms) ms"
if [ "$(calc "($E2E_1 > $RATE / 2)" 0)" = 1 ]; then
  log "WARNING: e2e $E2E_1/s is near chat2desk.rate-per-second=$RATE: raise BENCH_RATE"
fi

log "bundle with 1 channel: ack latency at half the intake rate"
bundle bundle-paced
channels 1 "$TMP/keys-paced.txt" >/dev/null
ramp "$BUNDLE_WARM" "$TMP/keys-paced.txt"
settle
HALF_INTAKE=$(calc "$INTAKE_1_RPS / 2" 1)
paced "$HALF_INTAKE" "$WARM" "$TMP/keys-paced.txt" "$RAMP_LATENCY"
paced "$HALF_INTAKE" "$RUN" "$TMP/keys-paced.txt" "$(field "$PACED" p50_ms)"
HALF_ACK_P99=$(field "$PACED" p99_ms)
retire
result "bundle 1 channel    at half intake ($HALF_INTAKE/s): sent $(field "$PACED" rps)/s  acks p50 $(field "$PACED" p50_ms) ms p99 $HALF_ACK_P99 ms  (replies meanwhile $(field "$PACED_STATS" rate)/s)"

many_channels

neighbour
stop "$STANDINS_PID"

# Most of the start is loading and linking classes: with a class-data archive (AppCDS, written
# by one earlier start of the same jar, see the README) the JVM maps them in instead
log "start with a class-data archive (AppCDS)"
bundle bundle-cds-training "-XX:ArchiveClassesAtExit=$TMP/bundle.jsa"
retire 30   # the JVM writes the archive as it exits
[ -s "$TMP/bundle.jsa" ] || die "no class-data archive written"
bundle bundle-cds "-XX:SharedArchiveFile=$TMP/bundle.jsa"
READY_CDS=$READY_MS
retire
result "bundle AppCDS       ready $READY_CDS ms  (-XX:SharedArchiveFile, the archive written by the start before)"

for window in "${PROFILED[@]}"; do
  set -- $window
  java -cp "$CP" bench.JfrTop "$OUT/$1.jfr" 25 "$2" "$3" >"$OUT/$1-hot-spots.txt"
  log "JFR recording $OUT/$1.jfr; the hot spots of its measured window: $OUT/$1-hot-spots.txt"
done

log "JMH: MarkupTranslator#translate"
java -cp "$BENCH/jmh/target/benchmarks.jar:$JAR" org.openjdk.jmh.Main "${JMH_OPTS[@]}" \
  -rf csv -rff "$TMP/jmh.csv" >"$TMP/jmh.log" 2>&1 || { tail -20 "$TMP/jmh.log" >&2; die "JMH failed"; }
awk -F, 'NR > 1 { gsub(/"|\r/, ""); sub(/.*\./, "", $1); printf "jmh %-34s %-9s %-9s %14.0f ops/s\n", $1, $8, $9, $5 }' "$TMP/jmh.csv" \
  | tee -a "$RESULTS"

log "done in ${SECONDS}s"
{
  echo "targets: intake >= 0.5x bare: $(calc "$INTAKE_1_RPS / $BARE_RPS" 3)x; e2e >= 0.8x relay: $(calc "$E2E_1 / $RELAY_E2E" 3)x;"
  echo "         e2e >= 0.8x durable relay: $(calc "$E2E_1 / $DURABLE_E2E" 3)x; intake >= 0.8x durable relay: $(calc "$INTAKE_1_RPS / $DURABLE_ACKS" 3)x; e2e >= 0.25x relay: $(calc "$E2E_1 / $RELAY_E2E" 3)x;"
  echo "         ack p99 <= 10 ms at half the max rate: $HALF_ACK_P99 ms; $CHANNELS channels >= 0.9x one: $(calc "$E2E_MANY / $E2E_1" 3)x;"
  echo "         ready <= 3 s: $READY_1 ms ($READY_CDS ms with AppCDS); RSS <= 400 MB under load: $LOAD_RSS_1 MB (JVM options: ${BUNDLE_JAVA_OPTS:- none})"
  echo "         ready <= 1.5x the minimal relay (README's command, medians): ${READY_RATIO}x"
} | tee -a "$RESULTS"
echo "intake/bare=$(calc "$INTAKE_1_RPS / $BARE_RPS" 3) e2e/relay=$(calc "$E2E_1 / $RELAY_E2E" 3) channels=$(calc "$E2E_MANY / $E2E_1" 3) e2e/durable=$(calc "$E2E_1 / $DURABLE_E2E" 3) intake/durable=$(calc "$INTAKE_1_RPS / $DURABLE_ACKS" 3) ready/minimal=$READY_RATIO slowagent/instant=$SLOW_RATIO neighbour_p99/alone=$NB_RATIO" \
  | tee -a "$RESULTS"
