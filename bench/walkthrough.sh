#!/usr/bin/env bash
# The baseline for `setup`: the Cognito walkthrough an operator would script with the AWS CLI,
# 13 calls one after another (12 with the AWS CLI, in the walkthrough's order, then the push to
# the server with curl). No checks, no idempotency, no proof.
#
# Inputs (environment): AWS_BIN, AWS_ENDPOINT_URL, AWS_DEFAULT_REGION, NAME, ADMIN_EMAIL,
# ADMIN_PASSWORD, MMBATCH_SERVER. Prints the four IDs on stdout.
set -euo pipefail
aws() { "$AWS_BIN" --endpoint-url "$AWS_ENDPOINT_URL" --output text "$@"; }
region=$AWS_DEFAULT_REGION

# 1. the user pool, signing in with e-mail
pool=$(aws cognito-idp create-user-pool --pool-name "$NAME" --username-attributes email \
  --auto-verified-attributes email --query UserPool.Id)
# 2. the SPA app client, no secret
client=$(aws cognito-idp create-user-pool-client --user-pool-id "$pool" --client-name "$NAME-spa" \
  --no-generate-secret --query UserPoolClient.ClientId)
# 3. the admin group
aws cognito-idp create-group --user-pool-id "$pool" --group-name admin >/dev/null
# 4-6. the first admin, a permanent password, in the admin group
aws cognito-idp admin-create-user --user-pool-id "$pool" --username "$ADMIN_EMAIL" --message-action SUPPRESS \
  --user-attributes Name=email,Value="$ADMIN_EMAIL" Name=email_verified,Value=true >/dev/null
aws cognito-idp admin-set-user-password --user-pool-id "$pool" --username "$ADMIN_EMAIL" \
  --password "$ADMIN_PASSWORD" --permanent
aws cognito-idp admin-add-user-to-group --user-pool-id "$pool" --username "$ADMIN_EMAIL" --group-name admin
# 7. the identity pool, authenticated identities only
identity_pool=$(aws cognito-identity create-identity-pool --identity-pool-name "${NAME}_identities" \
  --no-allow-unauthenticated-identities \
  --cognito-identity-providers "ProviderName=cognito-idp.$region.amazonaws.com/$pool,ClientId=$client,ServerSideTokenCheck=true" \
  --query IdentityPoolId)
# 8. its authenticated role, trusted by this identity pool only
trust='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"'"$identity_pool"'"},"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}}}]}'
role=$(aws iam create-role --role-name "$NAME-authenticated" --assume-role-policy-document "$trust" --query Role.Arn)
# 9. the role for authenticated identities
aws cognito-identity set-identity-pool-roles --identity-pool-id "$identity_pool" --roles authenticated="$role"
# 10. self-registration off
aws cognito-idp update-user-pool --user-pool-id "$pool" --auto-verified-attributes email \
  --admin-create-user-config AllowAdminCreateUserOnly=true
# 11. the auth flows
aws cognito-idp update-user-pool-client --user-pool-id "$pool" --client-id "$client" \
  --explicit-auth-flows ALLOW_USER_SRP_AUTH ALLOW_REFRESH_TOKEN_AUTH ALLOW_ADMIN_USER_PASSWORD_AUTH >/dev/null
# 12. an admin token, which the server checks before it enables Cognito
token=$(aws cognito-idp admin-initiate-auth --user-pool-id "$pool" --client-id "$client" \
  --auth-flow ADMIN_USER_PASSWORD_AUTH --auth-parameters USERNAME="$ADMIN_EMAIL",PASSWORD="$ADMIN_PASSWORD" \
  --query AuthenticationResult.AccessToken)
# 13. the push to the MMBatch server
curl -fsS -X PUT "$MMBATCH_SERVER/api/v1/security/cognito" -H 'Content-Type: application/json' \
  --data '{"region":"'"$region"'","userPoolID":"'"$pool"'","clientID":"'"$client"'","identityPoolID":"'"$identity_pool"'","adminGroups":"admin","token":"'"$token"'"}' >/dev/null
echo "$pool $client $identity_pool $role"
