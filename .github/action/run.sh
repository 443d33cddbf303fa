#!/bin/sh
# The step of action.yml, kept in a file so it runs (and is tested) outside GitHub too.
#
#   INPUT_COMMAND  check (default): lint the pull request's commits, annotated in the diff view;
#                  notes: print one release's notes (INPUT_VERSION, default the latest) and set the
#                  `notes` output; next: print the next version and set the `version` output.
#   INPUT_RANGE    check: the commits to lint (A..B); default the pull request's base..head
#                  (PR_BASE_SHA, PR_HEAD_SHA), else since the latest version tag.
#   CHANGELOG_BIN  the tool (default: changelog on PATH).
#   GITHUB_OUTPUT, GITHUB_STEP_SUMMARY  files the runner provides; optional here.
set -eu

bin=${CHANGELOG_BIN:-changelog}
command=${INPUT_COMMAND:-check}

# Multi-line step output, with a delimiter the value cannot contain (GitHub's heredoc syntax).
set_output() {
    [ -n "${GITHUB_OUTPUT:-}" ] || return 0
    delimiter="CHANGELOG_$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
    {
        printf '%s<<%s\n' "$1" "$delimiter"
        printf '%s\n' "$2"
        printf '%s\n' "$delimiter"
    } >>"$GITHUB_OUTPUT"
}

case $command in
check)
    range=${INPUT_RANGE:-}
    if [ -z "$range" ] && [ -n "${PR_BASE_SHA:-}" ]; then
        range="$PR_BASE_SHA..${PR_HEAD_SHA:-HEAD}"
    fi
    # --format github prints ::error lines the runner turns into annotations, then a summary line.
    if [ -n "$range" ]; then
        exec "$bin" check "$range" --format github
    fi
    exec "$bin" check --format github
    ;;
notes)
    if [ -n "${INPUT_VERSION:-}" ]; then
        notes=$("$bin" notes "$INPUT_VERSION")
    else
        notes=$("$bin" notes)
    fi
    printf '%s\n' "$notes"
    set_output notes "$notes"
    if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
        printf '%s\n' "$notes" >>"$GITHUB_STEP_SUMMARY"
    fi
    ;;
next)
    # Exit 3 (nothing to release) is an answer, not a failure: the output is then empty.
    status=0
    version=$("$bin" next) || status=$?
    if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
        exit "$status"
    fi
    printf '%s\n' "$version"
    set_output version "$version"
    ;;
*)
    echo "::error title=changelog action::unknown command '$command'; use check, notes or next" >&2
    exit 2
    ;;
esac
