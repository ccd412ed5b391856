#!/bin/sh
# Regenerates the test-only key files next to this script (OpenSSL 3). They protect nothing.
set -eu
cd "$(dirname "$0")"
PASSWORD='correct horse battery staple'
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa-pkcs8.pem
openssl rsa -in rsa-pkcs8.pem -traditional -out rsa-pkcs1.pem
openssl pkey -in rsa-pkcs8.pem -pubout -out rsa-public.pem
openssl pkcs8 -topk8 -in rsa-pkcs8.pem -v2 aes-256-cbc -passout "pass:$PASSWORD" -out rsa-pkcs8-encrypted.pem
openssl rsa -in rsa-pkcs8.pem -traditional -aes128 -passout "pass:$PASSWORD" -out rsa-pkcs1-legacy-aes128.pem
openssl rsa -in rsa-pkcs8.pem -traditional -des3 -passout "pass:$PASSWORD" -out rsa-pkcs1-legacy-des3.pem
openssl req -x509 -key rsa-pkcs8.pem -subj /CN=callscope-test -days 36500 -out rsa-cert.pem
cat rsa-cert.pem rsa-pkcs1.pem > rsa-cert-then-key.pem
rm rsa-cert.pem
printf 'session key for the decryption test\n' > rsa-plaintext.txt
openssl pkeyutl -encrypt -pubin -inkey rsa-public.pem -pkeyopt rsa_padding_mode:pkcs1 \
    -in rsa-plaintext.txt -out rsa-ciphertext.bin
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec-pkcs8.pem
openssl ec -in ec-pkcs8.pem -out ec-sec1.pem
openssl genpkey -algorithm ED25519 -out ed25519-pkcs8.pem
printf -- '-----BEGIN RSA PRIVATE KEY-----\nthis is not base64 !!\n-----END RSA PRIVATE KEY-----\n' > garbage-in-pem.pem
printf 'just some text, no PEM here\n' > not-pem.txt
: > empty.pem
