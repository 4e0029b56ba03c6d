#!/usr/bin/env bash
# The execution benchmarks, on the standalone platform and the local Docker engine:
#
#   overhead  a two-stage image (a builder stage that writes 8 MB, uncached each round) built and
#             pushed to a local registry with htpasswd, through Slipway (webhook to BuildFinished)
#             and with the docker CLI (docker build + docker push), alternately, round by round;
#             prints each round, the medians, the wall-time ratio and Slipway's overhead.
#   scale     N builds at once, each with a service and a step that stay up for a while, each on
#             its own network; prints the peak of running containers and networks, start latency
#             and every build that did not succeed.
#   logs      a step that prints 1,000,000 numbered lines, through Slipway (the step's wall time in
#             history) and with docker run --rm (its output read to the end), alternately, round by
#             round, and the same step with its output sent to /dev/null; reads each printing
#             build's log back from history and counts lines missing, repeated, out of order or
#             altered.
#
#   bench/run-execution-bench.sh                          # all three: 6 rounds; 200 builds held 180 s; 5 rounds
#   bench/run-execution-bench.sh overhead                 # one of them
#   SLIPWAY_BENCH_ROUNDS=10 SLIPWAY_BENCH_BUILDS=520 SLIPWAY_BENCH_HOLD=420 bench/run-execution-bench.sh
#   SLIPWAY_BENCH_LOG_ROUNDS=8 SLIPWAY_BENCH_LOG_WARMUP=4 SLIPWAY_BENCH_LOG_LINES=1000000 bench/run-execution-bench.sh logs
#
# It needs a Docker engine with busybox:latest and registry:2 (infra/dev/start-dockerd.sh and
# infra/dev/seed-images.sh), and python3 for the registry's bcrypt password entry. Everything it
# starts listens on 127.0.0.1 and is stopped by its pid or container id at the end; its files go
# to a new temporary directory, deleted unless SLIPWAY_BENCH_KEEP=1. SLIPWAY_BENCH_SKIP_BUILD=1
# uses the jars already built; Maven options go in MAVEN_ARGS. SLIPWAY_BENCH_PLATFORM_JAR runs
# another build of the platform, to compare; SLIPWAY_BENCH_JAVA_OPTS are the platform's JVM options.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
bench_name=run-execution-bench
# shellcheck source=common.sh
source bench/common.sh
which="${1:-all}"
[[ $which == both ]] && which=all   # the name of the default before the logs benchmark came
rounds="${SLIPWAY_BENCH_ROUNDS:-6}"
log_rounds="${SLIPWAY_BENCH_LOG_ROUNDS:-5}"
log_warmup="${SLIPWAY_BENCH_LOG_WARMUP:-1}"
log_lines="${SLIPWAY_BENCH_LOG_LINES:-1000000}"
builds="${SLIPWAY_BENCH_BUILDS:-200}"
hold="${SLIPWAY_BENCH_HOLD:-180}"
repo_name="acme/execution-bench"
secret="execution-bench-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"

build_jars
jar="${SLIPWAY_BENCH_PLATFORM_JAR:-$jar}"
docker image inspect busybox:latest registry:2 >/dev/null || { say "busybox:latest and registry:2 are needed: infra/dev/seed-images.sh"; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/slipway-execution-bench.XXXXXX")"
platform_pid=""
registry_id=""
cleanup() {
  stop_platform "$platform_pid"
  [[ -n "$registry_id" ]] && docker rm -f "$registry_id" >/dev/null 2>&1 || true
  # The images the run made: Slipway's builds, the CLI's, their pushed tags, and the service image.
  docker images --format '{{.Repository}}:{{.Tag}}' \
    | grep -E "^(slipway/${repo_name/\//-}/|127\.0\.0\.1:${registry_port:-none}/|slipway-bench/)" \
    | xargs -r docker rmi -f >/dev/null 2>&1 || true
  if [[ "${SLIPWAY_BENCH_KEEP:-0}" == 1 ]]; then say "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# The registry: distribution with one htpasswd user, on a free port of 127.0.0.1.
# BuildKit by hand (the overhead benchmark's third side) talks to the engine's socket with curl.
engine_socket=/var/run/docker.sock
[[ "${DOCKER_HOST:-}" == unix://* ]] && engine_socket="${DOCKER_HOST#unix://}"
registry_port=$(free_port)
password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
mkdir -p "$work/auth" "$work/docker-config"
# bcrypt cost 4: the registry checks the password on every request of a push, and at Python's
# default cost (12, about 0.25 s a check here) that alone made each push take seconds.
python3 -c 'import crypt,sys; print("bench:" + crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))' \
  "$password" >"$work/auth/htpasswd"
registry_id=$(docker run -d --label dev.slipway.bench=execution -p "127.0.0.1:$registry_port:5000" \
  -v "$work/auth:/auth:ro" -e REGISTRY_AUTH=htpasswd -e REGISTRY_AUTH_HTPASSWD_REALM=bench \
  -e REGISTRY_AUTH_HTPASSWD_PATH=/auth/htpasswd registry:2)
registry="127.0.0.1:$registry_port"
for _ in $(seq 1 50); do curl -s -o /dev/null "http://$registry/v2/" && break; sleep 0.2; done
printf '%s' "$password" | DOCKER_CONFIG="$work/docker-config" docker login -u bench --password-stdin "$registry" >/dev/null

# The repository: a two-stage Dockerfile and a pipeline that builds and pushes its image.
git_dir="$work/repository"
mkdir -p "$git_dir"
git -C "$git_dir" init -q -b main
cat >"$git_dir/Dockerfile" <<'DOCKERFILE'
FROM busybox:latest AS builder
COPY round.txt /round.txt
RUN dd if=/dev/urandom of=/app.bin bs=1M count=8 2>/dev/null && cat /round.txt >> /app.bin
FROM busybox:latest
COPY --from=builder /app.bin /app.bin
CMD ["ls", "-l", "/app.bin"]
DOCKERFILE
echo "first" >"$git_dir/round.txt"
cat >"$git_dir/.slipway.yml" <<PIPELINE
version: 1
on:
  push: { branches: [main] }
images:
  app: { context: ., dockerfile: Dockerfile }
steps:
  - name: push
    push: { image: app, to: $registry/team/app, tags: ["{{ .CommitID }}"] }
PIPELINE
git -C "$git_dir" add .
git -C "$git_dir" -c user.name=Bench -c user.email=bench@slipway.dev -c commit.gpgsign=false commit -q -m "Add the pipeline"

# An image whose container runs until it is stopped, for the scale benchmark's services.
service_image="slipway-bench/idle:1"
printf 'FROM busybox:latest\nCMD ["sleep", "86400"]\n' | DOCKER_BUILDKIT=0 docker build -q -t "$service_image" - >/dev/null

cat >"$work/repositories.yml" <<EOF
- provider: github
  name: $repo_name
  clone_url: file://$git_dir
  webhook_secret: $secret
EOF

history_port=$(free_port)
ingestion_port=$(free_port)
log="$work/platform.log"
say "starting the platform (SLIPWAY_HOME=$work/home, log $log), registry $registry"
SLIPWAY_HOME="$work/home" SLIPWAY_REPOSITORIES="$work/repositories.yml" \
  SLIPWAY_POSTGRES_PORT=$(free_port) SLIPWAY_KAFKA_PORT=$(free_port) \
  SLIPWAY_HISTORY_PORT=$history_port SLIPWAY_INGESTION_PORT=$ingestion_port \
  SLIPWAY_FILTERING_PORT=$(free_port) SLIPWAY_EXECUTION_PORT=$(free_port) \
  SLIPWAY_RELEASES_PORT=$(free_port) SLIPWAY_CREDENTIALS_PORT=$(free_port) \
  "$java" ${SLIPWAY_BENCH_JAVA_OPTS:-} "-Dslipway.execution.registries[0].host=$registry" "-Dslipway.execution.registries[0].username=bench" \
  "-Dslipway.execution.registries[0].password=$password" "-Dslipway.execution.concurrency=$((builds + 8))" \
  -jar "$jar" >"$log" 2>&1 &
platform_pid=$!
await_platform "$platform_pid" "$log" "$history_port" "$ingestion_port"

commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)${SLIPWAY_BENCH_PLATFORM_JAR:+ (platform jar: $jar)}"
common=(--ingestion "http://127.0.0.1:$ingestion_port" --history "http://127.0.0.1:$history_port"
  --repo "$repo_name" --secret "$secret" --git-dir "$git_dir")
if [[ $which == all || $which == overhead ]]; then
  echo "Execution overhead: commit $commit, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(docker version --format 'engine {{.Server.Version}}')"
  "$java" -cp bench/target/benchmarks.jar dev.slipway.bench.execution.BuildOverhead "${common[@]}" \
    --registry "$registry" --docker-config "$work/docker-config" --rounds "$rounds" \
    --engine-socket "$engine_socket"
fi
if [[ $which == all || $which == scale ]]; then
  echo "Execution scale: commit $commit, $(nproc) cores, $(free -g | awk '/^Mem/ {print $2}') GiB, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  "$java" -cp bench/target/benchmarks.jar dev.slipway.bench.execution.BuildScale "${common[@]}" \
    --service-image "$service_image" --builds "$builds" --hold "$hold"
fi
if [[ $which == all || $which == logs ]]; then
  echo "Execution log volume: commit $commit, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(docker version --format 'engine {{.Server.Version}}'), load $(cut -d' ' -f1-3 /proc/loadavg)"
  # The platform's CPU over the whole log benchmark, its JVM and its PostgreSQL apart: every round's
  # builds (printing and quiet), the idle platform during the CLI's runs, and the reading back of
  # each log. The postmaster is not the JVM's child: it is found by its pid file.
  postmaster=$(head -1 "$work/home/postgres/postmaster.pid")
  jvm_before=$(cpu_seconds "$platform_pid"); pg_before=$(cpu_seconds "$postmaster")
  "$java" -cp bench/target/benchmarks.jar dev.slipway.bench.execution.LogVolume "${common[@]}" \
    --rounds "$log_rounds" --warmup "$log_warmup" --lines "$log_lines"
  jvm_after=$(cpu_seconds "$platform_pid"); pg_after=$(cpu_seconds "$postmaster")
  awk -v j="$jvm_after" -v j0="$jvm_before" -v p="$pg_after" -v p0="$pg_before" \
    'BEGIN { printf "platform CPU over the log benchmark: JVM %.1f s, PostgreSQL %.1f s\n", j - j0, p - p0 }'
fi
