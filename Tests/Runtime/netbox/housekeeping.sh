#!/bin/sh
# Stand-in for /opt/netbox/housekeeping.sh (a loop running `manage.py housekeeping` every
# HOUSEKEEPING_INTERVAL seconds): serves like every stand-in under a command line that names
# housekeeping, which the health check greps for.
exec /usr/local/bin/runtime-app /opt/netbox/housekeeping.sh "$@"
