#!/usr/bin/env bash
# Replaces the committed placeholders in secrets/ with random passwords and a fresh 2048-bit RSA
# signing key, for a local cluster. Run it once; run it again only to rotate everything (a new
# key logs everybody out; new database passwords do not reach databases that already exist, so
# delete their volumes too: kubectl delete namespace orderfleet).
# The files are then marked skip-worktree, so `git add`/`git commit -a` leave your values out.
# Undo: git update-index --no-skip-worktree secrets/* && git checkout -- secrets/
set -euo pipefail
cd "$(dirname "$0")/secrets"
command -v openssl >/dev/null || { echo "openssl is needed" >&2; exit 1; }
umask 077
for f in usersdb-password inventorydb-password ordersdb-password redis-password; do
  openssl rand -hex 24 | tr -d '\n' > "$f"
done
openssl rand -hex 32 | tr -d '\n' > orders-client-secret
openssl rand -base64 18 | tr -d '\n' > admin-password
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out jwt-signing-key.pem 2>/dev/null
chmod 600 -- *
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git update-index --skip-worktree -- * 2>/dev/null || true
fi
echo "Wrote fresh secrets to $(pwd)."
echo "First admin: admin@orderfleet.local / $(cat admin-password)"
