#!/bin/sh
# As the valkey image's docker-entrypoint.sh: flags or a .conf file go to valkey-server, and
# valkey-server started as root drops to uid 999. The runtime kit's redis entrypoint does both
# for redis-server; valkey-server is the same program here.
set -e
case $1 in -*|*.conf) set -- valkey-server "$@" ;; esac
if [ "$1" = valkey-server ]; then shift; set -- redis-server "$@"; fi
exec docker-entrypoint.sh "$@"
