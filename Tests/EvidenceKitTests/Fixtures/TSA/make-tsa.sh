#!/usr/bin/env bash
# Makes a throwaway time-stamp authority for the tests in DIR: two certificate authorities, each with a
# time-stamping certificate (EC P-256, critical extendedKeyUsage = timeStamping), and an `openssl ts`
# configuration with one section per authority (`tsa_main` chains to ca.pem, `tsa_other` to other-ca.pem).
set -euo pipefail
dir="$1"
mkdir -p "$dir"
cd "$dir"

make_authority() { # prefix, CA name, TSA name
  local prefix="$1"
  openssl ecparam -name prime256v1 -genkey -noout -out "${prefix}ca.key" 2>/dev/null
  openssl req -new -x509 -key "${prefix}ca.key" -out "${prefix}ca.pem" -days 3650 -subj "/O=EvidenceKit Tests/CN=$2" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl ecparam -name prime256v1 -genkey -noout -out "${prefix}tsa.key" 2>/dev/null
  openssl req -new -key "${prefix}tsa.key" -out "${prefix}tsa.csr" -subj "/O=EvidenceKit Tests/CN=$3" 2>/dev/null
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n' \
    > "${prefix}tsa.ext"
  openssl x509 -req -in "${prefix}tsa.csr" -CA "${prefix}ca.pem" -CAkey "${prefix}ca.key" -CAcreateserial \
    -out "${prefix}tsa.pem" -days 3650 -extfile "${prefix}tsa.ext" 2>/dev/null
  echo 01 > "${prefix}tsaserial"
}
make_authority "" "Test Root CA" "Test TSA"
make_authority "other-" "Other Root CA" "Other TSA"

section() { # name, prefix
  cat <<CONF
[ $1 ]
dir = $dir
serial = \$dir/$2tsaserial
signer_cert = \$dir/$2tsa.pem
certs = \$dir/$2tsa.pem
signer_key = \$dir/$2tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256

CONF
}
{
  printf '[ tsa ]\ndefault_tsa = tsa_main\n\n'
  section tsa_main ""
  section tsa_other "other-"
} > tsa.cnf
