# What the benchmark scripts share; sourced by them from the repository's root, after they set
# bench_name (for their messages).
#   say MESSAGE               a timestamped line on stderr
#   free_port                 a free TCP port of 127.0.0.1
#   build_jars                builds the standalone platform and bench/ unless SLIPWAY_BENCH_SKIP_BUILD=1
#   stop_platform PID         SIGTERM, then SIGKILL after 60 s
#   await_platform PID LOG PORT...   waits until every port's /actuator/health answers, or fails with
#                             the log's end if the platform stops first
#   cpu_seconds PID...        CPU seconds (user and system) that the processes, their descendants
#                             alive now and the children they have reaped have used so far
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
jar=services/standalone/target/slipway-standalone.jar

say() { printf '%s %s: %s\n' "$(date -u +%H:%M:%S)" "$bench_name" "$*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

build_jars() {
  if [[ "${SLIPWAY_BENCH_SKIP_BUILD:-0}" != 1 ]]; then
    say "building the platform and the benchmarks"
    # shellcheck disable=SC2086
    ./mvnw -B -q ${MAVEN_ARGS:-} -pl services/standalone -am install -DskipTests >&2
    # shellcheck disable=SC2086
    ./mvnw -B -q ${MAVEN_ARGS:-} -f bench/pom.xml clean package >&2
  fi
}

stop_platform() {
  local pid=$1
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

await_platform() {
  local pid=$1 log=$2
  shift 2
  for _ in $(seq 1 300); do
    local up=1
    for port in "$@"; do
      curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 || { up=0; break; }
    done
    [[ $up == 1 ]] && return 0
    kill -0 "$pid" 2>/dev/null || { say "the platform stopped; last lines of its log:"; tail -n 40 "$log" >&2; exit 1; }
    sleep 1
  done
  say "the platform did not answer within 300 s"
  exit 1
}

cpu_seconds() {
  python3 - "$@" <<'PY'
import os, sys
stats = {}
for pid in os.listdir('/proc'):
    if pid.isdigit():
        try:
            stats[pid] = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
        except OSError:
            pass
children = {}
for pid, fields in stats.items():
    children.setdefault(fields[1], []).append(pid)
ticks, todo = 0, [pid for pid in sys.argv[1:] if pid in stats]
while todo:
    pid = todo.pop()
    ticks += sum(int(t) for t in stats[pid][11:15])  # utime, stime, cutime, cstime
    todo.extend(children.get(pid, []))
print(f"{ticks / os.sysconf('SC_CLK_TCK'):.1f}")
PY
}
