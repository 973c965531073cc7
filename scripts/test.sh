#!/usr/bin/env bash
# Runs the whole test suite, with the outside tools the tests call (openssl, sha256sum, unzip,
# exiftool, bagit.py, jsonschema and case-utils (case_validate) from PyPI in a private venv, and the PDQ oracle: pdqhash, with numpy and Pillow).
set -euo pipefail
cd "$(dirname "$0")/.."
EVIDENCEKIT_TEST_TOOLS=1 bash scripts/setup.sh

venv=".build-tools/venv"
if [ ! -x "$venv/bin/bagit.py" ] || [ ! -x "$venv/bin/case_validate" ] || ! "$venv/bin/python3" -c "import jsonschema, pdqhash, numpy, PIL" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check bagit jsonschema pdqhash numpy Pillow case-utils==0.18.0
fi
export PATH="$(pwd)/$venv/bin:$PATH"
# Everything above installed the outside tools the tests call: a missing one is a failure, never a skip.
export EVIDENCEKIT_REQUIRE_TOOLS=1

swift build --build-tests --explicit-target-dependency-import-check error
swift test --skip-build "$@"
