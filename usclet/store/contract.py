"""The record's contract: `record.schema.json`, shipped with the package, is the JSON
Schema every article, event, claim (with its evidence), the settings and each change-log
entry obey. `check` validates every record against it, the writes validate what they add,
and the JSON engine refuses to write a record that breaks it.

jsonschema is imported on the first validation, so that reading the record never pays for it.
"""

import functools
import json
from pathlib import Path

SCHEMA_PATH = Path(__file__).with_name("record.schema.json")
KIND_OF_TABLE = {"articles": "article", "events": "event", "claims": "claim", "changes": "change", "meta": "settings"}


@functools.cache
def validator(kind):
    """The schema's validator for one kind of record: article, event, claim, evidence, settings, change."""
    import jsonschema  # the first validation pays for it, never a read

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator({"$ref": f"#/$defs/{kind}", "$defs": schema["$defs"]})


def _message(error):
    if error.context and "description" in error.schema:  # a rule the schema words itself
        return error.schema["description"]
    if error.context:  # one of several shapes: say what each would need, not the whole record
        reasons = [_message(inner) for inner in error.context if "is not of type 'null'" not in inner.message]
        return " or ".join(dict.fromkeys(reasons))
    if error.validator == "additionalProperties":
        return error.message.replace("Additional properties are not allowed", "unknown fields")
    return error.message


def problems(kind, record, label=None):
    """Readable problems of one record against the schema, each "label: where: what"
    ("claim x: evidence 1 side: 'usa' is not one of ['us', 'cuba', 'independent']")."""
    label = label or f"{kind} {record.get('id') if isinstance(record, dict) else None}"
    found = []
    for error in sorted(validator(kind).iter_errors(record), key=lambda error: [str(p) for p in error.absolute_path]):
        where = " ".join(str(part + 1) if isinstance(part, int) else part for part in error.absolute_path)
        found.append(f"{label}: {where + ': ' if where else ''}{_message(error)}")
    return found
