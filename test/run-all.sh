#!/usr/bin/env bash
# Runs the whole suite on SQLite, then on PostgreSQL, and ends with one line of totals over both
# runs: "N passed, N failed, N skipped". Fails when a run fails or when no test ran at all.
# PostgreSQL: TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/test). Off CI an unreachable
# server skips that run with a printed reason; in CI (CI=true) it is a failure.
set -u
cd "$(dirname "$0")/.."
pg_url="${TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
spec=("test/**/*.test.ts")
[ "$#" -gt 0 ] && spec=("$@")
tmp=$(mktemp -d)
status=0
node_modules/.bin/tsc --noEmit -p . && node_modules/.bin/tsc --noEmit -p src/web/client || { echo "tsc --noEmit failed"; status=1; }

run() { # name, env...
  local name=$1; shift
  # Two workers (this machine has 2 cores): each test still has its own fresh database.
  env "$@" COUNT_FILE="$tmp/$name.json" node_modules/.bin/mocha --parallel --jobs "${TEST_JOBS:-2}" "${spec[@]}" || status=1
}

run sqlite TEST_DB=sqlite
if node -e "const {Client}=require('pg');const c=new Client({connectionString:process.argv[1],connectionTimeoutMillis:3000});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))" "$pg_url"; then
  run postgres TEST_DB=postgres TEST_PG_URL="$pg_url"
  TEST_PG_URL="$pg_url" node --import tsx test/helpers/drop-dead-runs.ts
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL is not reachable at $pg_url: in CI that is a failure."
  status=1
else
  echo "PostgreSQL run skipped: no server reachable at $pg_url (set TEST_PG_URL, or start PostgreSQL)."
fi

# Failures again, last: a CI log is often read from its tail only.
node -e '
  const fs=require("fs"),path=require("path");
  for (const n of fs.readdirSync(process.argv[1]).sort()) { const c=JSON.parse(fs.readFileSync(path.join(process.argv[1],n)));
    for (const f of c.failed || []) console.log(`FAILED on ${path.basename(n, ".json")}: ${f}`); }' "$tmp"
read -r p f s < <(node -e '
  const fs=require("fs"),path=require("path");let p=0,f=0,s=0;
  for (const n of fs.readdirSync(process.argv[1])) { const c=JSON.parse(fs.readFileSync(path.join(process.argv[1],n)));p+=c.passes;f+=c.failures;s+=c.pending; }
  console.log(p,f,s)' "$tmp")
rm -rf "$tmp"
[ "$p" -eq 0 ] && { echo "No test ran."; status=1; }
[ "$f" -gt 0 ] && status=1
echo "total: $p passed, $f failed, $s skipped"
exit $status
