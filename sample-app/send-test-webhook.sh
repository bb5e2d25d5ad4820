#!/usr/bin/env bash
# Signs a sample Anon event the Standard Webhooks way and POSTs it to the running sample app.
# Needs only bash and openssl (curl is used when present; otherwise bash's /dev/tcp sends to an http:// URL).
#
#   sample-app/send-test-webhook.sh [url] [secret] [message-id]
#
# Defaults: http://localhost:8080/webhooks/incoming/anon, the demo secret of sample-app's application.yml,
# and a fresh message id. Send the same id twice to see the duplicate answered 200.
set -euo pipefail

url="${1:-http://localhost:8080/webhooks/incoming/anon}"
secret="${2:-whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw}"
id="${3:-msg_$(date +%s)$RANDOM}"
timestamp="$(date +%s)"
body='{"id":"evt_01HX4J1SQ93Y9F6VBQ4JPZW66S","object":"event","created":"2025-06-18T00:50:40.301173Z","type":"migration.completed","text":"Migration mig_123 completed in 4.2s","data":{"object":{"id":"mig_123","name":"Acme CRM export","status":"COMPLETE"}}}'

# The key is the base64 after "whsec_"; the signed content is "<id>.<timestamp>.<body>".
key_hex="$(printf '%s' "${secret#whsec_}" | openssl base64 -d -A | od -An -vtx1 | tr -d ' \n')"
signature="$(printf '%s' "${id}.${timestamp}.${body}" \
  | openssl dgst -sha256 -mac HMAC -macopt "hexkey:${key_hex}" -binary | openssl base64 -A)"

if command -v curl >/dev/null 2>&1; then
  curl -sS -i -X POST "$url" \
    -H 'Content-Type: application/json' \
    -H "webhook-id: ${id}" \
    -H "webhook-timestamp: ${timestamp}" \
    -H "webhook-signature: v1,${signature}" \
    --data-binary "$body"
  echo
  exit 0
fi

# No curl: plain HTTP/1.1 over bash's /dev/tcp (http:// only).
[[ "$url" =~ ^http://([^/:]+)(:([0-9]+))?(/.*)?$ ]] || { echo "without curl only http:// URLs work" >&2; exit 1; }
host="${BASH_REMATCH[1]}"; port="${BASH_REMATCH[3]:-80}"; path="${BASH_REMATCH[4]:-/}"
exec 3<>"/dev/tcp/${host}/${port}"
printf 'POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %s\r\nwebhook-id: %s\r\nwebhook-timestamp: %s\r\nwebhook-signature: v1,%s\r\nConnection: close\r\n\r\n%s' \
  "$path" "$host" "${#body}" "$id" "$timestamp" "$signature" "$body" >&3
while IFS= read -r line || [[ -n "$line" ]]; do printf '%s\n' "${line%$'\r'}"; done <&3
echo
