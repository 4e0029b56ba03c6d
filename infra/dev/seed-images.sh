#!/usr/bin/env bash
# Seeds the images that Slipway's tests name, on a machine that cannot pull from any registry.
#   busybox:latest, busybox:1.36  from Debian's busybox-static, every applet linked
#   alpine:3.17                   the same base under the name that Testcontainers' start-up check runs
#   registry:2                    the distribution registry from Debian's docker-registry package
# On a machine that can pull, an image that is already present is left alone.
set -euo pipefail

have() { docker image inspect "$1" >/dev/null 2>&1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! have busybox:latest; then
  busybox=$(command -v busybox)
  mkdir -p "$work/rootfs/bin" "$work/rootfs/tmp" "$work/rootfs/etc" "$work/rootfs/root"
  cp "$busybox" "$work/rootfs/bin/busybox"
  for applet in $("$busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$work/rootfs/bin/$applet"
  done
  mkdir -p "$work/rootfs/usr/bin" "$work/rootfs/sbin" "$work/rootfs/usr/sbin"
  chmod 1777 "$work/rootfs/tmp"
  echo 'root:x:0:0:root:/root:/bin/sh' >"$work/rootfs/etc/passwd"
  echo 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >>"$work/rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$work/rootfs/etc/group"
  tar -C "$work/rootfs" -c . | docker import \
    --change 'CMD ["sh"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    - busybox:latest >/dev/null
  echo "seeded busybox:latest"
fi
for alias in busybox:1.36 alpine:3.17; do
  if ! have "$alias"; then
    docker tag busybox:latest "$alias"
    echo "seeded $alias"
  fi
done

if ! have registry:2; then
  registry=$(command -v docker-registry || true)
  if [ -z "$registry" ]; then
    echo "seed-images: docker-registry is not installed; registry:2 not seeded" >&2
  else
    mkdir -p "$work/registry/bin" "$work/registry/etc/docker/registry" "$work/registry/var/lib/registry"
    cp "$registry" "$work/registry/bin/registry"
    # Debian builds it against glibc: bring the loader and every library it names.
    for lib in $(ldd "$registry" | grep -o '/[^ ]*'); do
      mkdir -p "$work/registry$(dirname "$lib")"
      cp -L "$lib" "$work/registry$lib"
    done
    cat >"$work/registry/etc/docker/registry/config.yml" <<'YML'
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: /var/lib/registry
  delete:
    enabled: true
http:
  addr: :5000
YML
    tar -C "$work/registry" -c . | docker import \
      --change 'ENTRYPOINT ["/bin/registry"]' \
      --change 'CMD ["serve", "/etc/docker/registry/config.yml"]' \
      --change 'EXPOSE 5000' \
      - registry:2 >/dev/null
    echo "seeded registry:2"
  fi
fi
docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | sort
