#!/usr/bin/env bash
# The AWS CLI way to add people: what an operator scripts, one admin-create-user per person and
# admin-add-user-to-group for admins. Reads "email,admin" lines from $PEOPLE_FILE.
set -euo pipefail
while IFS=, read -r email admin; do
  [ "$email" = email ] && continue
  "$AWS_BIN" --endpoint-url "$AWS_ENDPOINT_URL" cognito-idp admin-create-user --user-pool-id "$USER_POOL_ID" --username "$email" \
    --user-attributes Name=email,Value="$email" Name=email_verified,Value=true --desired-delivery-mediums EMAIL >/dev/null
  if [ "$admin" = yes ]; then
    "$AWS_BIN" --endpoint-url "$AWS_ENDPOINT_URL" cognito-idp admin-add-user-to-group --user-pool-id "$USER_POOL_ID" --username "$email" --group-name admin >/dev/null
  fi
done <"$PEOPLE_FILE"
