#!/bin/sh
# action.yml's first step: a `changelog` on PATH is used as it is (INPUT_BUILD=auto); otherwise the
# tool is built from this action's own source, in release mode, and put on PATH for later steps.
set -eu

if [ "${INPUT_BUILD:-auto}" != "true" ] && command -v changelog >/dev/null 2>&1; then
    echo "changelog: using $(command -v changelog)"
    exit 0
fi
source=${GITHUB_ACTION_PATH:?the runner sets GITHUB_ACTION_PATH}
if ! pkg-config --exists libgit2 2>/dev/null; then
    sudo=$(command -v sudo || true)
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgit2-dev pkg-config >/dev/null
fi
swift build -c release --package-path "$source" --product changelog
bin=$(swift build -c release --package-path "$source" --show-bin-path)
echo "$bin" >>"${GITHUB_PATH:?the runner sets GITHUB_PATH}"
