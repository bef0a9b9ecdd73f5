#!/usr/bin/env bash
# Turn a post-a-job issue into a posting, the way .github/workflows/intake.yml does on GitHub.
#
#   ISSUE_BODY="$(cat body.md)" bash .github/scripts/intake.sh REPORT_DIR
#
# The issue body is untrusted text: it arrives in the ISSUE_BODY environment variable and only
# ever reaches a file, never a command line. On success the posting (and a new company) are in
# content/ and REPORT_DIR/written.txt lists them; on a rejected posting, content/ is as it was and
# REPORT_DIR/comment.md tells the submitter what to fix. The outcome (accepted or rejected) is
# written to $GITHUB_OUTPUT as `result=...` when it is set; exit status 0 either way. Anything
# else means the run itself failed, or the board fails its check even without the submission.
set -euo pipefail

report="${1:?usage: intake.sh REPORT_DIR}"
mkdir -p "$report"
body="$report/issue-body.md"
printf '%s' "${ISSUE_BODY?ISSUE_BODY must hold the issue body}" > "$body"

outcome() {
  echo "$1"
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    echo "result=$1" >> "$GITHUB_OUTPUT"
  fi
}

# The problems' lines lose the body file's name (the submitter never saw it) and are indented
# four spaces: a Markdown code block that nothing in them can close, so a submitter's text
# echoed in a message cannot turn into links, mentions or markup.
reject() {
  {
    echo "Thanks for the submission. It could not be turned into a posting yet: $1"
    echo
    while IFS= read -r line || [ -n "$line" ]; do
      printf '    %s\n' "${line#"$body: "}"
    done < "$2"
    echo
    echo "Edit this issue to fix each line above; it is checked again as soon as you save."
  } > "$report/comment.md"
  outcome rejected
}

# A posting that cannot be read writes nothing; it prints one `field: message` line per problem.
if ! jobsite import --issue-form "$body" > "$report/import.txt" 2>&1; then
  reject "some answers need fixing." "$report/import.txt"
  exit 0
fi
grep -E '(^|/)content/(jobs|companies)/[a-z0-9-]+\.md$' "$report/import.txt" > "$report/written.txt" || true

# The whole site must still build with the new posting in it, exactly as the pull request check sees it.
if ! jobsite check > "$report/check.txt" 2>&1; then
  # Leave content/ as it was: nothing of a rejected submission may reach a pull request.
  while read -r path; do rm -f -- "$path"; done < "$report/written.txt"
  # A board that fails without the posting is the maintainers' to fix, not the submitter's.
  if ! jobsite check > "$report/board.txt" 2>&1; then
    cat "$report/board.txt" >&2
    echo "intake.sh: the board fails jobsite check without this submission; fix it first" >&2
    exit 2
  fi
  reject "the board does not build with it." "$report/check.txt"
  exit 0
fi
outcome accepted
