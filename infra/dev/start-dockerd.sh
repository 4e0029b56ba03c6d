#!/usr/bin/env bash
# Starts a Docker engine for Slipway's tests if none answers yet, and waits until it does.
# The engine's pid goes to ${SLIPWAY_DOCKERD_PIDFILE:-/tmp/slipway-dockerd.pid}, so that whoever
# started it can stop it by pid.
set -euo pipefail

if docker info >/dev/null 2>&1; then
  echo "dockerd: already running"
  exit 0
fi

pidfile=${SLIPWAY_DOCKERD_PIDFILE:-/tmp/slipway-dockerd.pid}
log=${SLIPWAY_DOCKERD_LOG:-/tmp/slipway-dockerd.log}
echo "dockerd: starting (log: $log)"
nohup dockerd --host=unix:///var/run/docker.sock --pidfile="$pidfile.engine" >"$log" 2>&1 &
echo $! >"$pidfile"

for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    echo "dockerd: ready ($(docker version --format '{{.Server.Version}}, API {{.Server.APIVersion}}'))"
    exit 0
  fi
  sleep 1
done
echo "dockerd: did not answer within 60 s; last lines of $log:" >&2
tail -n 30 "$log" >&2
exit 1
