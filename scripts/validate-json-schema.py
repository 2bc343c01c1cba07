#!/usr/bin/env python3
"""validate-json-schema.py SCHEMA FILE... - validate JSON files against a JSON Schema (draft 2020-12).

Needs the `jsonschema` package: run it with the validators' venv
(`../shared/tools/validate/setup.sh` makes ~/.cache/shared-validate-venv), for example
`~/.cache/shared-validate-venv/bin/python scripts/validate-json-schema.py schemas/insights.schema.json output/insights.json`.
Prints every error as `file: path: message`. Exit 0 all valid, 1 an error, 2 usage or setup.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("error: the jsonschema package is missing (run ../shared/tools/validate/setup.sh and use its venv)", file=sys.stderr)
    sys.exit(2)


def main(argv):
    if len(argv) < 3:
        print("usage: validate-json-schema.py SCHEMA FILE...", file=sys.stderr)
        return 2
    with open(argv[1], "rb") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    failed = 0
    for name in argv[2:]:
        with open(name, "rb") as f:
            doc = json.load(f)
        for error in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
            failed += 1
            path = "/".join(str(p) for p in error.absolute_path) or "(root)"
            print("%s: %s: %s" % (name, path, error.message))
    print("%d files, %d errors" % (len(argv) - 2, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
