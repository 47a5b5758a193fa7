#!/usr/bin/env bash
# The bundle against its physical limit, in one run (see bench/README.md).
#
#   bench/run.sh            the full benchmark, about 6 minutes (at most 10)
#   bench/run.sh --smoke    the same steps with tiny durations and 200 channels, about a minute
#   bench/run.sh --profile  the full benchmark with a JFR recording of the bundle under load
#
# Builds the bundle jar and the bench programs in this checkout, starts everything on 127.0.0.1
# (Chat2Desk and Agent stand-ins, a bare Vert.x + Jackson server, a minimal Camel relay, the
# bundle), drives Chat2Desk "inbox" webhooks at them with wrk and prints the figures. The last
# line is "intake/bare=R e2e/relay=R channels=R". Every process it starts is stopped on exit,
# every load is bounded in time, and its files live in one temp dir (kept with BENCH_KEEP=1).
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
MODE=full
PROFILE=0
for arg in "$@"; do
  case "$arg" in
    --smoke) MODE=smoke ;;
    --profile) PROFILE=1 ;;
    *) echo "usage: bench/run.sh [--smoke] [--profile]" >&2; exit 2 ;;
  esac
done

# WARM: warm-up of the baselines; BUNDLE_WARM: of the bundle, whose JIT compilation takes about
# a minute of saturating load on 2 cores (measured: C2 compiler threads still use half a core
# after 30 s); RUN: each measured window; DRAIN: the window after a saturating load
if [ "$MODE" = smoke ]; then
  WARM=2; BUNDLE_WARM=3; RUN=2; DRAIN=1; IDLE=1; CHANNELS=100
  STANDIN_WARM=1; STANDIN_RUN=1
  JMH_OPTS=(-f 1 -wi 0 -i 1 -r 300ms -p text=short)
else
  WARM=15; BUNDLE_WARM=45; RUN=15; DRAIN=8; IDLE=3; CHANNELS=10000
  STANDIN_WARM=3; STANDIN_RUN=5
  JMH_OPTS=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
fi
# Chat2Desk calls per channel and second: the shipped 10 would cap one channel at 10 replies/s;
# the stand-in has no limit, so the throttle runs but must not bind (a warning says when it might).
# Not higher: Camel's throttler keeps one object per permit per channel (10,000 channels x 10^6
# permits was measured to stall the bundle).
RATE=${BENCH_RATE:-1000}
THREADS=2          # wrk threads and connections: the settings of the reference figures
CONNECTIONS=32
CLIENTS=1000       # distinct Chat2Desk clients (chats) the webhooks are spread over
API_KEY=bench-api-key

TMP=$(mktemp -d "${TMPDIR:-/tmp}/c2d-bench.XXXXXX")
OUT="$ROOT/target/bench"
mkdir -p "$OUT"
RESULTS="$TMP/results.txt"
PIDS=()

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
  if [ -f "$RESULTS" ]; then cp "$RESULTS" "$OUT/results-$MODE.txt"; fi
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
(cd "$BENCH/jmh" && { mvn -B -q -o package || mvn -B -q package; }) >"$TMP/jmh-build.log" 2>&1 \
  || { cat "$TMP/jmh-build.log" >&2; die "JMH build failed"; }
CP="$OUT/classes:$JAR"

# --- helpers -----------------------------------------------------------------------------------
NEXT_PORT=$((20000 + RANDOM % 20000))
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
}

# stop PID: TERM, KILL after 2 s (a bundle finishing its backlog is not waited for: its store is thrown away)
stop() {
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 20); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
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
    sed -E 's/^[0-9]+ \((.*)\) (.*)$/\2\t\1/' "$f" 2>/dev/null
  done | awk -F'\t' '{ split($1, a, " "); n = $2; gsub(/[0-9]+/, "#", n); s[n] += a[12] + a[13] } END { for (k in s) print s[k] "\t" k }'
}
# thread_cpu BEFORE AFTER SECONDS: the busiest thread groups in between, in % of a core
thread_cpu() {
  awk -F'\t' -v hz="$TICKS" -v s="$3" 'NR == FNR { a[$2] = $1; next }
    { d = ($1 - a[$2]) / hz / s * 100; if (d >= 1) printf "%.0f%% %s, ", d, $2 }' "$1" "$2" \
    | tr ',' '\n' | sed 's/^ //' | sort -rn | head -7 | paste -sd ',' | sed 's/,/, /g'
}

rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
TICKS=$(getconf CLK_TCK)

# sample_rss PID SECONDS FILE: the largest RSS (MB) seen every half second, in the background
sample_rss() {
  local pid=$1 seconds=$2 file=$3
  (max=0; for _ in $(seq $((seconds * 2))); do
     r=$(rss_mb "$pid" 2>/dev/null || echo 0); [ "$r" -gt "$max" ] && max=$r; echo "$max" >"$file"; sleep 0.5
   done) &
}

# drive URL SECONDS KEYS [DELAY_MS]: wrk with webhook.lua; prints its BENCH line. Each run gets
# message ids of its own (a counter in a file: drive runs in subshells), so none is a redelivery.
echo 0 >"$TMP/runs"
drive() {
  local url=$1 seconds=$2 keys=$3 delay=${4:-0}
  local run; run=$(( $(cat "$TMP/runs") + 1 )); echo "$run" >"$TMP/runs"
  timeout $((seconds + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s \
    -s "$BENCH/webhook.lua" "$url" -- "$((run * 10000000000))" "$keys" "$CLIENTS" "$delay" | grep '^BENCH'
}
field() { echo "$1" | tr ' ,{}' '\n\n\n\n' | sed -n "s/^\"\{0,1\}$2\"\{0,1\}[=:]//p" | head -1; }
check_errors() {
  local line=$1 what=$2
  if [ "$(field "$line" non2xx)" != 0 ] || [ "$(field "$line" errors)" != 0 ]; then
    log "WARNING: $what: $(field "$line" non2xx) non-2xx answers, $(field "$line" errors) socket errors"
  fi
}

standin() { curl -sf --max-time 5 "http://127.0.0.1:$C2D_PORT/bench/$1"; }

# --- the run -----------------------------------------------------------------------------------
log "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GB; $(java -version 2>&1 | head -1)"
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  mode: $MODE  commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GB RAM, $(java -version 2>&1 | head -1)"
  echo "wrk: $THREADS threads, $CONNECTIONS connections; warm-up ${WARM}s (bundle ${BUNDLE_WARM}s), measured ${RUN}s; $CLIENTS clients; chat2desk.rate-per-second=$RATE"
} >"$RESULTS"

echo "$(printf '/v1/messages %s' "$(printf bench | md5sum | cut -c1-32)")" >"$TMP/keys-chat2desk.txt"
echo "$(printf '/messages %s' "$(printf bench | md5sum | cut -c1-32)")" >"$TMP/keys-agent.txt"
echo "$(printf 'baseline %s' "$(printf bench | md5sum | cut -c1-32)")" >"$TMP/keys-any.txt"

free_port C2D_PORT; free_port AGENT_PORT
start stand-ins "$TMP/stand-ins" java -XX:+UseSerialGC -Xmx256m -cp "$CP" bench.StandIns "$C2D_PORT" "$AGENT_PORT"
STANDINS_PID=$STARTED_PID
wait_http "$STANDINS_PID" "$TMP/stand-ins/stand-ins.log" "http://127.0.0.1:$AGENT_PORT/status" >/dev/null
wait_http "$STANDINS_PID" "$TMP/stand-ins/stand-ins.log" "http://127.0.0.1:$C2D_PORT/v1/companies/api_info" >/dev/null

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

log "minimal Camel relay (platform-http -> http -> http)"
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

# bundle NAME: starts a bundle with its own store; sets BUNDLE_PID, BUNDLE_URL, READY_MS
bundle() {
  local name=$1 port; free_port port
  local dir="$TMP/$name"
  start bundle "$dir" java -Dsandbox.enabled=false -Dcamel.server.port="$port" -Dcamel.server.host=127.0.0.1 \
    -Dchannel.public-url="http://127.0.0.1:$port" -Dchannel.store.url="jdbc:h2:file:$dir/store/channels" \
    -Dagent.url="http://127.0.0.1:$AGENT_PORT" -Dapi.key="$API_KEY" -Dchat2desk.rate-per-second="$RATE" \
    -Djava.io.tmpdir="$dir" -Dvertx.cacheDirBase="$dir/vertx" -jar "$JAR"
  BUNDLE_PID=$STARTED_PID
  BUNDLE_URL="http://127.0.0.1:$port"
  BUNDLE_LOG="$dir/bundle.log"
  READY_MS=$(wait_http "$BUNDLE_PID" "$BUNDLE_LOG" -H "Authorization: Bearer $API_KEY" "$BUNDLE_URL/api/v1/channels")
}

# channels COUNT KEYS: created and activated through the management API
channels() {
  java -cp "$CP" bench.Channels "$BUNDLE_URL" "$API_KEY" "http://127.0.0.1:$C2D_PORT/v1" "$1" 16 "$2" \
    || { tail -20 "$BUNDLE_LOG" >&2; die "channels could not be activated"; }
}

# saturate NAME KEYS: warm-up, then wrk as fast as it goes; sets INTAKE, E2E_STATS, DRAIN_STATS, LOAD_RSS
saturate() {
  local name=$1 keys=$2
  drive "$BUNDLE_URL" "$BUNDLE_WARM" "$keys" >/dev/null
  standin mark >/dev/null
  local s0 b0; s0=$(cpu_ticks "$STANDINS_PID"); b0=$(cpu_ticks "$BUNDLE_PID")
  thread_ticks "$BUNDLE_PID" >"$TMP/$name-threads-0"
  sample_rss "$BUNDLE_PID" "$RUN" "$TMP/$name-rss"
  if [ "$PROFILE" = 1 ]; then
    jcmd "$BUNDLE_PID" JFR.start name=bench settings=profile >/dev/null
  fi
  INTAKE=$(drive "$BUNDLE_URL" "$RUN" "$keys")
  E2E_STATS=$(standin stats)
  thread_ticks "$BUNDLE_PID" >"$TMP/$name-threads-1"
  if [ "$PROFILE" = 1 ]; then
    jcmd "$BUNDLE_PID" JFR.stop name=bench filename="$OUT/$name.jfr" >/dev/null
    java -cp "$CP" bench.JfrTop "$OUT/$name.jfr" 25 >"$OUT/$name-hot-spots.txt"
    log "JFR recording of $name under load: $OUT/$name.jfr, hot spots: $OUT/$name-hot-spots.txt"
  fi
  local seconds; seconds=$(field "$INTAKE" duration_s)
  STANDINS_CPU=$(calc "($(cpu_ticks "$STANDINS_PID") - $s0) / $TICKS / $seconds * 100" 0)
  BUNDLE_CPU=$(calc "($(cpu_ticks "$BUNDLE_PID") - $b0) / $TICKS / $seconds * 100" 0)
  BUNDLE_THREADS=$(thread_cpu "$TMP/$name-threads-0" "$TMP/$name-threads-1" "$seconds")
  check_errors "$INTAKE" "$name"
  LOAD_RSS=$(cat "$TMP/$name-rss")
  # what the bundle still does once the load stops: the backlog it acknowledged but has not answered
  standin mark >/dev/null
  sleep "$DRAIN"
  DRAIN_STATS=$(standin stats)
}

log "bundle with 1 channel: start, idle, saturated"
bundle bundle-1
READY_1=$READY_MS
channels 1 "$TMP/keys-1.txt" >/dev/null
sleep "$IDLE"
IDLE_RSS_1=$(rss_mb "$BUNDLE_PID")
saturate bundle-1 "$TMP/keys-1.txt"
INTAKE_1=$INTAKE; E2E_1_STATS=$E2E_STATS
INTAKE_1_RPS=$(field "$INTAKE_1" rps); E2E_1=$(field "$E2E_1_STATS" rate)
stop "$BUNDLE_PID"
result "bundle 1 channel    acks $INTAKE_1_RPS/s  p50 $(field "$INTAKE_1" p50_ms) ms  p99 $(field "$INTAKE_1" p99_ms) ms (saturated)"
result "bundle 1 channel    e2e $E2E_1/s while saturated (webhook-to-reply p50 $(field "$E2E_1_STATS" p50_ms) ms p99 $(field "$E2E_1_STATS" p99_ms) ms: backlog); after the load $(field "$DRAIN_STATS" rate)/s"
result "bundle 1 channel    ready $READY_1 ms  RSS idle $IDLE_RSS_1 MB, under load $LOAD_RSS MB  CPU bundle ${BUNDLE_CPU}%, stand-ins ${STANDINS_CPU}% of a core"
result "bundle 1 channel    bundle threads: $BUNDLE_THREADS"
if [ "$(calc "($E2E_1 > $RATE / 2)" 0)" = 1 ]; then
  log "WARNING: e2e $E2E_1/s is near chat2desk.rate-per-second=$RATE: raise BENCH_RATE"
fi

# pace NAME RATE WARM SECONDS KEYS: wrk at about RATE requests/s, after a warm-up at that rate
# whose achieved rate corrects the delay; sets PACED (BENCH line) and PACED_STATS (stand-in window)
pace() {
  local name=$1 rate=$2 warm=$3 seconds=$4 keys=$5
  local delay; delay=$(calc "$CONNECTIONS * 1000 / $rate" 0)
  local probe; probe=$(drive "$BUNDLE_URL" "$warm" "$keys" "$delay")
  # achieved = connections / (delay + latency): take the latency out of the delay
  if [ "$(field "$probe" requests)" -ge "$CONNECTIONS" ]; then
    delay=$(calc "$CONNECTIONS * 1000 / $rate - ($CONNECTIONS * 1000 / $(field "$probe" rps) - $delay)" 0)
    [ "$delay" -ge 1 ] || delay=1
  fi
  standin mark >/dev/null
  PACED=$(drive "$BUNDLE_URL" "$seconds" "$keys" "$delay")
  PACED_STATS=$(standin stats)
  check_errors "$PACED" "$name"
}

log "bundle with 1 channel: paced at half the end-to-end rate, then at half the intake rate"
bundle bundle-paced
channels 1 "$TMP/keys-paced.txt" >/dev/null
HALF_E2E=$(calc "($E2E_1 < 2) ? 1 : ($E2E_1 / 2)" 1)
# warmed at this rate (a saturating warm-up would leave a backlog that every later message of a
# chat waits behind)
pace half-e2e "$HALF_E2E" "$BUNDLE_WARM" "$RUN" "$TMP/keys-paced.txt"
result "bundle at ${HALF_E2E}/s (half e2e)  sent $(field "$PACED" rps)/s  acks p50 $(field "$PACED" p50_ms) ms p99 $(field "$PACED" p99_ms) ms  e2e $(field "$PACED_STATS" rate)/s webhook-to-reply p50 $(field "$PACED_STATS" p50_ms) ms p99 $(field "$PACED_STATS" p99_ms) ms"
HALF_INTAKE=$(calc "$INTAKE_1_RPS / 2" 1)
pace half-intake "$HALF_INTAKE" "$WARM" "$RUN" "$TMP/keys-paced.txt"
HALF_ACK_P99=$(field "$PACED" p99_ms)
result "bundle at ${HALF_INTAKE}/s (half intake)  sent $(field "$PACED" rps)/s  acks p50 $(field "$PACED" p50_ms) ms p99 $HALF_ACK_P99 ms  e2e $(field "$PACED_STATS" rate)/s"
stop "$BUNDLE_PID"

log "bundle with $CHANNELS channels"
bundle bundle-many
START_NS=$(date +%s%N)
CREATED=$(channels "$CHANNELS" "$TMP/keys-many.txt")
sleep "$IDLE"
IDLE_RSS_MANY=$(rss_mb "$BUNDLE_PID")
saturate bundle-many "$TMP/keys-many.txt"
INTAKE_MANY=$INTAKE
E2E_MANY=$(field "$E2E_STATS" rate)
stop "$BUNDLE_PID"
result "bundle $CHANNELS channels  ${CREATED#channels }  (created and activated through the API)"
result "bundle $CHANNELS channels  acks $(field "$INTAKE_MANY" rps)/s  p50 $(field "$INTAKE_MANY" p50_ms) ms  p99 $(field "$INTAKE_MANY" p99_ms) ms  e2e $E2E_MANY/s; after the load $(field "$DRAIN_STATS" rate)/s"
result "bundle $CHANNELS channels  RSS idle $IDLE_RSS_MANY MB, under load $LOAD_RSS MB  CPU bundle ${BUNDLE_CPU}%, stand-ins ${STANDINS_CPU}% of a core"
result "bundle $CHANNELS channels  bundle threads: $BUNDLE_THREADS"
stop "$STANDINS_PID"

log "JMH: MarkupTranslator#translate"
java -cp "$BENCH/jmh/target/benchmarks.jar:$JAR" org.openjdk.jmh.Main "${JMH_OPTS[@]}" \
  -rf csv -rff "$TMP/jmh.csv" >"$TMP/jmh.log" 2>&1 || { tail -20 "$TMP/jmh.log" >&2; die "JMH failed"; }
awk -F, 'NR > 1 { gsub(/"/, ""); sub(/.*\./, "", $1); printf "jmh %-34s %-9s %-9s %14.0f ops/s\n", $1, $8, $9, $5 }' "$TMP/jmh.csv" \
  | tee -a "$RESULTS"

log "done in ${SECONDS}s"
{
  echo "targets: intake >= 0.5x bare: $(calc "$INTAKE_1_RPS / $BARE_RPS" 3)x; e2e >= 0.8x relay: $(calc "$E2E_1 / $RELAY_E2E" 3)x;"
  echo "         ack p99 <= 10 ms at half the max rate: $HALF_ACK_P99 ms; $CHANNELS channels >= 0.9x one: $(calc "$E2E_MANY / $E2E_1" 3)x;"
  echo "         ready <= 3 s: $READY_1 ms; RSS <= 300 MB under load: $(cat "$TMP/bundle-1-rss") MB"
} | tee -a "$RESULTS"
echo "intake/bare=$(calc "$INTAKE_1_RPS / $BARE_RPS" 3) e2e/relay=$(calc "$E2E_1 / $RELAY_E2E" 3) channels=$(calc "$E2E_MANY / $E2E_1" 3)" \
  | tee -a "$RESULTS"
