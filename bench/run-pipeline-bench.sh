#!/usr/bin/env bash
# Builds and runs the pipeline benchmark (parse + lint + match + compile of a 40-step
# .slipway.yml, beside the read-only baseline) and prints the JMH table in µs/op.
#
#   bench/run-pipeline-bench.sh                 # the documented run: -f 1 -wi 3 -w 10s -i 5 -r 5s
#   bench/run-pipeline-bench.sh -i 10 -r 5s     # extra JMH options are passed on
#
# Warm-up iterations are 10 s because on a shared 2-core machine the JIT needs about half a minute
# before the full path reaches its steady state.
#
# The benchmark uses the pipeline library installed in ~/.m2, so the script installs the current
# pipeline/ first; SLIPWAY_BENCH_SKIP_INSTALL=1 uses what is already there.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$root"

if [[ "${SLIPWAY_BENCH_SKIP_INSTALL:-0}" != 1 ]]; then
  ./mvnw -B -q -pl pipeline install -DskipTests >&2
fi
# clean: a shaded jar built over an older one can keep stale classes of the library.
./mvnw -B -q -f bench/pom.xml clean package >&2

results="bench/target/pipeline-bench.txt"
log="bench/target/pipeline-bench.log"
echo "JMH run: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ); log in $log" >&2
"$JAVA_HOME/bin/java" -jar bench/target/benchmarks.jar PipelineBenchmark \
  -f 1 -wi 3 -w 10s -i 5 -r 5s -bm avgt -tu us \
  -o "$log" -rf text -rff "$results" "$@"
cat "$results"
