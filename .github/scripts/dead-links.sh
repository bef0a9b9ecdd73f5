#!/usr/bin/env bash
# Keep one open issue labelled dead-links that lists every open posting whose apply link is dead,
# as .github/workflows/links.yml does each week: open it, update it, or close it once all answer.
#
#   GH_TOKEN=... bash .github/scripts/dead-links.sh REPORT_DIR
#
# Needs jobsite and the gh CLI on PATH, inside a checkout of the board.
set -euo pipefail

report="${1:?usage: dead-links.sh REPORT_DIR}"
mkdir -p "$report"
label="dead-links"
title="Dead apply links"

# Dead links are warnings (exit 0); an exit 1 means the board itself does not build: fail loudly.
jobsite check --links > "$report/links.txt" 2>&1 || { cat "$report/links.txt"; exit 1; }
cat "$report/links.txt"
# One line per dead link: [warning: ]content/jobs/x.md:12: apply_url: 404 Not Found
grep -E '(^|: )content/jobs/[^:]+:[0-9]+: apply_url: ' "$report/links.txt" | sed -E 's/^warning: //' > "$report/dead.txt" || true

number="$(gh issue list --label "$label" --state open --limit 1 --json number --jq '.[0].number // empty')"

if [ ! -s "$report/dead.txt" ]; then
  # A network that is down altogether is one line and no posting: say nothing rather than close.
  if grep -qi 'apply_url' "$report/links.txt"; then
    echo "Links could not be checked; the issue is left as it is."
  elif [ -n "$number" ]; then
    gh issue close "$number" --comment "Every open posting's apply link answers again."
  fi
  exit 0
fi

{
  echo "These open postings link to an apply page that does not answer (found by \`jobsite check --links\`)."
  echo "Fix the \`apply_url\`, or close the posting with \`filled:\` or \`expires:\`. This issue is updated every week and closed once all links answer."
  echo
  # shellcheck disable=SC2016  # backticks here are Markdown code spans, not commands
  sed -E 's/^/- `/; s/$/`/' "$report/dead.txt"
} > "$report/issue.md"

if [ -n "$number" ]; then
  gh issue edit "$number" --body-file "$report/issue.md"
else
  gh label create "$label" --color B60205 --description "Postings whose apply link is dead" --force
  gh issue create --title "$title" --label "$label" --body-file "$report/issue.md"
fi
