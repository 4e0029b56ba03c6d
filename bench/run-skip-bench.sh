#!/usr/bin/env bash
# The skip-latency benchmark: signed GitHub push webhooks, one at a time, to a standalone platform
# that this script starts, timed from the POST until GET /api/decisions lists the decision.
# Most pushes say `[skip ci]` and are skipped; a few build, and are timed to their run decision
# (that is, to history having read the BuildRequested). Prints p50/p90/p99 for each.
#
#   bench/run-skip-bench.sh                                   # 1,000 pushes, 50 of them build, 100 warm-up
#   SLIPWAY_BENCH_PUSHES=200 SLIPWAY_BENCH_BUILDS=10 bench/run-skip-bench.sh   # a quick look
#
# What it sets up, all on 127.0.0.1, on free ports, in a new temporary directory (deleted at the
# end unless SLIPWAY_BENCH_KEEP=1): a SLIPWAY_HOME; a local git repository with a .slipway.yml
# (push to main builds image `app` from a one-line busybox Dockerfile and runs one step) and its
# Dockerfile; a repositories file declaring it. The benchmark commits to that repository before
# each push (a change to README.md, which the delivery lists), as a developer's push would.
# Building pushes go on to execution. SLIPWAY_BENCH_ENGINE=on (the default) points it at the local
# Docker engine, which then runs those builds while the pushes go on (start one with
# infra/dev/start-dockerd.sh and seed busybox with infra/dev/seed-images.sh); =off points it at a
# socket that does not exist, so the builds stay queued and only the decisions load the machine.
#
# It builds the platform jar and the benchmark jar first (SLIPWAY_BENCH_SKIP_BUILD=1 uses those
# already built); Maven options (-o, a local repository) go in MAVEN_ARGS. The platform is stopped
# by its pid at the end.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
bench_name=run-skip-bench
# shellcheck source=common.sh
source bench/common.sh
pushes="${SLIPWAY_BENCH_PUSHES:-1000}"
builds="${SLIPWAY_BENCH_BUILDS:-50}"
warmup="${SLIPWAY_BENCH_WARMUP:-100}"
engine="${SLIPWAY_BENCH_ENGINE:-on}"
secret="skip-bench-secret"
repo_name="acme/skip-bench"

build_jars

work="$(mktemp -d "${TMPDIR:-/tmp}/slipway-skip-bench.XXXXXX")"
platform_pid=""
cleanup() {
  stop_platform "$platform_pid"
  if [[ "${SLIPWAY_BENCH_KEEP:-0}" == 1 ]]; then say "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

git_dir="$work/repository"
mkdir -p "$git_dir"
git -C "$git_dir" init -q -b main
cat >"$git_dir/.slipway.yml" <<'EOF'
version: 1
on:
  push: { branches: [main] }
images:
  app: { context: ., dockerfile: Dockerfile }
steps:
  - name: test
    image: app
    run: "true"
EOF
printf 'FROM busybox:latest\nCMD ["true"]\n' >"$git_dir/Dockerfile"
git -C "$git_dir" add .
git -C "$git_dir" -c user.name=Bench -c user.email=bench@slipway.dev -c commit.gpgsign=false commit -q -m "Add the pipeline"

cat >"$work/repositories.yml" <<EOF
- provider: github
  name: $repo_name
  clone_url: file://$git_dir
  webhook_secret: $secret
EOF

docker_host=(env)
if [[ $engine == off ]]; then
  docker_host=(env SLIPWAY_DOCKER_HOST="unix://$work/no-docker.sock")
fi
history_port=$(free_port)
ingestion_port=$(free_port)
filtering_port=$(free_port)
log="$work/platform.log"
say "starting the platform (SLIPWAY_HOME=$work/home, log $log)"
SLIPWAY_HOME="$work/home" SLIPWAY_REPOSITORIES="$work/repositories.yml" \
  SLIPWAY_POSTGRES_PORT=$(free_port) SLIPWAY_KAFKA_PORT=$(free_port) \
  SLIPWAY_HISTORY_PORT=$history_port SLIPWAY_INGESTION_PORT=$ingestion_port \
  SLIPWAY_FILTERING_PORT=$filtering_port SLIPWAY_EXECUTION_PORT=$(free_port) \
  SLIPWAY_RELEASES_PORT=$(free_port) SLIPWAY_CREDENTIALS_PORT=$(free_port) \
  "${docker_host[@]}" "$java" -jar "$jar" >"$log" 2>&1 &
platform_pid=$!

await_platform "$platform_pid" "$log" "$history_port" "$ingestion_port"
say "platform up; $warmup warm-up pushes, then $pushes measured pushes ($builds of them build)"

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
echo "Skip benchmark (engine $engine): commit $commit, $("$java" -version 2>&1 | head -1), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
"$java" -cp bench/target/benchmarks.jar dev.slipway.bench.skip.SkipLatency \
  --ingestion "http://127.0.0.1:$ingestion_port" --history "http://127.0.0.1:$history_port" \
  --repo "$repo_name" --secret "$secret" --git-dir "$git_dir" \
  --pushes "$pushes" --builds "$builds" --warmup "$warmup" | tee bench/target/skip-bench.txt
# Where filtering's share of the time goes: reading the pipeline file (mirror fetch included), and
# the whole decision, as filtering's own timers saw them over the run (warm-up included).
prometheus=$(curl -fs "http://127.0.0.1:$filtering_port/actuator/prometheus" || true)
echo "Filtering's mirror: $(grep -E '^slipway_filtering_mirror_(fetches|clones)_total' <<<"$prometheus" | tr '\n' ' ')"
awk '/^slipway_filtering_(pipeline_fetch|decision_latency)_seconds_(count|sum)/ {
       split($1, n, "{"); name = n[1]; sub(/_(count|sum)$/, "", name)
       if ($1 ~ /_count/) c[name] += $2; else t[name] += $2 }
     END { for (k in c) if (c[k] > 0) printf "Filtering timer %s: %d, mean %.1f ms\n", k, c[k], 1000 * t[k] / c[k] }' <<<"$prometheus"
builds_done=$(curl -fs "http://127.0.0.1:$history_port/api/builds?repo=$repo_name&limit=100" | grep -o '"status":"[a-z]*"' | sort | uniq -c | tr '\n' ' ' || true)
echo "Builds in history at the end: $builds_done"
