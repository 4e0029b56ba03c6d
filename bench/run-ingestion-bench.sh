#!/usr/bin/env bash
# The ingestion benchmark: signed GitHub push deliveries posted to the standalone platform and, in
# the same run, to Debian's `webhook` (adnanh/webhook 2.8, checking the same HMAC signature and
# running /bin/true) as the baseline. Prints throughput and p50/p99 at each concurrency for both,
# and their ratio; fails (exit 1) if Slipway answered anything but 2xx, or did not publish an
# event for every delivery it accepted.
#
#   bench/run-ingestion-bench.sh            # concurrency 16 and 64, 10 s warm-up + 20 s measured each
#   SLIPWAY_BENCH_DURATION=5s SLIPWAY_BENCH_WARMUP=3s bench/run-ingestion-bench.sh   # a quick look
#
# Order: the baseline runs at each concurrency while the platform, started and idle, is paused
# (SIGSTOP), so that it takes none of the baseline's CPU. Then the platform is resumed, primed for
# 240 s (unmeasured: its JIT compiler goes on improving the code for minutes, see
# docs/benchmarks.md), and measured at each concurrency, one run straight after the other.
#
# Everything it starts (the platform with its own PostgreSQL and Kafka, webhook) runs on 127.0.0.1
# on free ports, with data in a new temporary directory, and is stopped by pid at the end; the
# directory is deleted unless SLIPWAY_BENCH_KEEP=1. It installs Debian's webhook package when
# `webhook` is missing (apt-get, as root). It builds the platform and the generator first;
# SLIPWAY_BENCH_SKIP_BUILD=1 uses the jars already built. Maven options (-o, a local repository)
# go in MAVEN_ARGS.
#
# Settings: SLIPWAY_BENCH_CONCURRENCY (16,64), SLIPWAY_BENCH_WARMUP (10s), SLIPWAY_BENCH_DURATION
# (20s), SLIPWAY_BENCH_PRIME (240s), SLIPWAY_BENCH_CLIENT (raw, or jdk for java.net.http),
# SLIPWAY_BENCH_THREADS (virtual, or platform), SLIPWAY_BENCH_DOWNSTREAM (on, or off: no service
# consumes, so only ingestion's own work is measured), SLIPWAY_BENCH_JAVA_OPTS (the platform's JVM
# options), SLIPWAY_BENCH_PLATFORM_JAR (another build of the platform, to compare).
#
# What runs downstream: the bench declares four repositories whose clone_url is one local bare
# repository holding the commit every push names. Filtering decides every push and numbers a
# build, execution queues a run for each, history records them. Execution is pointed at a Docker
# socket that does not exist, so no build starts: with an engine it would clone and build up to
# two of the tens of thousands of queued pushes at a time, which would measure Docker, not ingestion.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
concurrency="${SLIPWAY_BENCH_CONCURRENCY:-16,64}"
warmup="${SLIPWAY_BENCH_WARMUP:-10s}"
duration="${SLIPWAY_BENCH_DURATION:-20s}"
prime="${SLIPWAY_BENCH_PRIME:-240s}"
client="${SLIPWAY_BENCH_CLIENT:-raw}"
threads="${SLIPWAY_BENCH_THREADS:-virtual}"
downstream="${SLIPWAY_BENCH_DOWNSTREAM:-on}"
jar="${SLIPWAY_BENCH_PLATFORM_JAR:-services/standalone/target/slipway-standalone.jar}"
generator=bench/target/benchmarks.jar

say() { printf '%s run-ingestion-bench: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/slipway-ingestion-bench.XXXXXX")"
pids=()
stop_pid() { # pid, seconds to wait, signal
  kill -CONT "$1" 2>/dev/null || true
  kill "-${3:-TERM}" "$1" 2>/dev/null || return 0
  for _ in $(seq 1 $(($2 * 2))); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.5
  done
  say "process $1 did not stop within $2 s; killing it"
  kill -KILL "$1" 2>/dev/null || true
}
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do
    # The generator pauses the platform while the baseline runs; stop_pid resumes it first.
    stop_pid "$pid" 20
  done
  # The platform stops its PostgreSQL itself; if it had to be killed, its server is still running.
  if [[ -f "$work/home/postgres/postmaster.pid" ]]; then
    postmaster="$(head -1 "$work/home/postgres/postmaster.pid")"
    if [[ -n "$postmaster" ]] && kill -0 "$postmaster" 2>/dev/null; then
      stop_pid "$postmaster" 30 INT
    fi
  fi
  if [[ "${SLIPWAY_BENCH_KEEP:-0}" == 1 ]]; then
    say "kept $work"
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. Build the platform and the generator (bench/ is outside the reactor and needs pipeline installed).
if [[ "${SLIPWAY_BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  say "building the standalone platform and the load generator"
  ./mvnw -B -q -pl pipeline,services/standalone -am install -DskipTests >&2
  ./mvnw -B -q -f bench/pom.xml clean package >&2
fi
[[ -f "$jar" && -f "$generator" ]] || { say "missing $jar or $generator; build them first"; exit 2; }

# 2. The baseline.
if ! command -v webhook >/dev/null; then
  say "installing Debian's webhook package"
  if [[ $(id -u) == 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q webhook >&2 \
      || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q webhook >&2; }
  else
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q webhook >&2
  fi
fi

# 3. Free ports on 127.0.0.1: nine in a row, none of them listening.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
base=""
for _ in $(seq 1 50); do
  # Below the kernel's ephemeral range (32768 and up here), which the platform's own outgoing
  # connections draw from while it starts: a port free now could be taken by one of them.
  candidate=$((20000 + RANDOM % 12000))
  ok=1
  for offset in $(seq 0 8); do
    port_free $((candidate + offset)) || { ok=0; break; }
  done
  if [[ $ok == 1 ]]; then base=$candidate; break; fi
done
[[ -n "$base" ]] || { say "found no nine free ports in a row"; exit 2; }
history_port=$base ingestion_port=$((base + 1)) filtering_port=$((base + 2)) execution_port=$((base + 3))
releases_port=$((base + 4)) credentials_port=$((base + 5)) postgres_port=$((base + 6)) kafka_port=$((base + 7))
webhook_port=$((base + 8))

# 4. The repositories: one local bare repository with one commit, declared four times.
git init -q --bare "$work/app.git"
git init -q "$work/app"
printf 'FROM scratch\nCOPY README.md /\n' >"$work/app/Dockerfile"
printf 'A repository for the ingestion benchmark.\n' >"$work/app/README.md"
git -C "$work/app" add -A
git -C "$work/app" -c user.name=bench -c user.email=bench@slipway.invalid commit -q -m "Benchmark commit"
git -C "$work/app" push -q "$work/app.git" HEAD:refs/heads/main
commit="$(git -C "$work/app" rev-parse HEAD)"
secret="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
printf '%s\n' "$secret" >"$work/secret"
repositories=bench/app-1,bench/app-2,bench/app-3,bench/app-4
: >"$work/repositories.yml"
for name in ${repositories//,/ }; do
  printf -- '- provider: github\n  name: %s\n  clone_url: file://%s/app.git\n  webhook_secret: ${SLIPWAY_BENCH_WEBHOOK_SECRET}\n' \
    "$name" "$work" >>"$work/repositories.yml"
done

# 5. The platform.
say "starting the standalone platform (log: $work/standalone.log; ingestion on 127.0.0.1:$ingestion_port)"
platform_env=()
if [[ $downstream == off ]]; then
  # Every Kafka listener of every service stays stopped: ingestion stores and publishes, nobody consumes.
  platform_env+=(SPRING_KAFKA_LISTENER_AUTOSTARTUP=false)
fi
env "${platform_env[@]}" SLIPWAY_HOME="$work/home" SLIPWAY_REPOSITORIES="$work/repositories.yml" SLIPWAY_BENCH_WEBHOOK_SECRET="$secret" \
  SLIPWAY_HISTORY_PORT=$history_port SLIPWAY_INGESTION_PORT=$ingestion_port SLIPWAY_FILTERING_PORT=$filtering_port \
  SLIPWAY_EXECUTION_PORT=$execution_port SLIPWAY_RELEASES_PORT=$releases_port \
  SLIPWAY_CREDENTIALS_PORT=$credentials_port SLIPWAY_POSTGRES_PORT=$postgres_port SLIPWAY_KAFKA_PORT=$kafka_port \
  SLIPWAY_DOCKER_HOST="unix://$work/no-docker.sock" \
  "$java" ${SLIPWAY_BENCH_JAVA_OPTS:-} -jar "$jar" >"$work/standalone.log" 2>&1 &
platform=$!
pids+=("$platform")
for i in $(seq 1 240); do
  if ! kill -0 "$platform" 2>/dev/null; then
    say "the platform exited during start-up:"; tail -40 "$work/standalone.log" >&2; exit 2
  fi
  if curl -fs "http://127.0.0.1:$ingestion_port/actuator/health/readiness" >/dev/null 2>&1 \
      && grep -q "Slipway is up" "$work/standalone.log"; then
    break
  fi
  [[ $i == 240 ]] && { say "the platform was not up after 240 s"; tail -40 "$work/standalone.log" >&2; exit 2; }
  sleep 1
done
say "platform up: $(grep -o 'Slipway is up in [0-9]* s' "$work/standalone.log")"

# 6. The baseline: the same secret, the same signature check, /bin/true for every valid delivery.
cat >"$work/hooks.json" <<EOF
[
  {
    "id": "github",
    "execute-command": "/bin/true",
    "command-working-directory": "$work",
    "http-methods": ["POST"],
    "response-message": "accepted",
    "trigger-rule": {
      "match": {
        "type": "payload-hmac-sha256",
        "secret": "$secret",
        "parameter": {"source": "header", "name": "X-Hub-Signature-256"}
      }
    }
  }
]
EOF
webhook -hooks "$work/hooks.json" -ip 127.0.0.1 -port "$webhook_port" >"$work/webhook.log" 2>&1 &
pids+=("$!")
for i in $(seq 1 50); do
  port_free "$webhook_port" || break
  [[ $i == 50 ]] && { say "webhook did not listen on $webhook_port"; cat "$work/webhook.log" >&2; exit 2; }
  sleep 0.2
done

# 7. The load.
say "commit $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo ' (with local changes)'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
set +e
"$java" -cp "$generator" dev.slipway.bench.webhook.WebhookLoad \
  --target "baseline=http://127.0.0.1:$webhook_port/hooks/github" \
  --target "slipway=http://127.0.0.1:$ingestion_port/hooks/github" \
  --baseline baseline --strict slipway \
  --verify "slipway=http://127.0.0.1:$ingestion_port/actuator/prometheus" \
  --prime "slipway=$prime" --pause "slipway=$platform" \
  --repositories "$repositories" --secret-file "$work/secret" --commit "$commit" \
  --concurrency "$concurrency" --warmup "$warmup" --duration "$duration" --client "$client" --threads "$threads" \
  | tee "$work/results.md"
status=${PIPESTATUS[0]}
set -e
say "finished at $(date -u +%Y-%m-%dT%H:%M:%SZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
