#!/usr/bin/env bash
# Builds a git repository from the example corpus with a plausible history, for the sample
# outputs and the report image in docs/insight.md: each post-mortem is first committed three days
# after its incident with every action item open, and its items are checked off in a second commit
# 21 days after the incident. Dates are fixed, so two runs build the same history.
#
#   docs/demo-repo.sh /tmp/pmctl-demo && cd /tmp/pmctl-demo && pmctl --today 2026-11-26 report
set -euo pipefail
out=${1:?usage: demo-repo.sh OUT_DIR}
here=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$out" && mkdir -p "$out/postmortems"
cd "$out"
git init -q -b main
export GIT_AUTHOR_NAME=demo GIT_AUTHOR_EMAIL=demo@example.invalid
export GIT_COMMITTER_NAME=demo GIT_COMMITTER_EMAIL=demo@example.invalid
events=()
for file in "$here"/postmortems/2*.md; do
  name=$(basename "$file")
  day=${name:0:10}
  events+=("$(date -u -d "$day + 3 days" +%F) draft $name")
  events+=("$(date -u -d "$day + 21 days" +%F) final $name")
done
printf '%s\n' "${events[@]}" | sort | while read -r day kind name; do
  if [ "$kind" = draft ]; then
    sed 's/^- \[x\]/- [ ]/' "$here/postmortems/$name" > "postmortems/$name"
  else
    cp "$here/postmortems/$name" "postmortems/$name"
  fi
  git add -A
  GIT_AUTHOR_DATE="${day}T12:00:00Z" GIT_COMMITTER_DATE="${day}T12:00:00Z" git commit -q --allow-empty -m "$kind $name"
done
