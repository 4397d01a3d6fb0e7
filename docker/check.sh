#!/usr/bin/env bash
# Checks docker/Dockerfile without a Docker engine (see docker/check.py for exactly what):
#   docker/check.sh                 sources, tags, non-root user; the Maven dependency layer and the web stage
#   docker/check.sh --run all       every build command, the Maven package too (minutes)
#   docker/check.sh --run none      no commands at all
# docker/compose.yml is checked by DockerFilesTest (SnakeYAML), which also runs this script.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v python3 >/dev/null || { echo "docker/check.sh needs python3" >&2; exit 3; }
command -v git >/dev/null || { echo "docker/check.sh needs git" >&2; exit 3; }
exec python3 docker/check.py "$@"
