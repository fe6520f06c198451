#!/usr/bin/env bash
# odernn against the peers in ../shared/peers, alternating, pinned, at 1 and 2 threads.
# Arguments go to compare.py (see its --help); run from anywhere after a release build.
exec python3 "$(dirname "$0")/compare.py" "$@"
