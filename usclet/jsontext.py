"""JSON as usclet writes it, to the store file and to stdout: two-space indentation,
UTF-8, non-ASCII unescaped. orjson writes it when installed (the standard library's
indenting encoder is pure Python, seconds slower on a large store); both give the same
bytes for usclet's records, so nothing depends on which one wrote them."""

import json



def dumps(document):
    """`document` as indented UTF-8 bytes, without a final newline."""
    try:
        import orjson  # about 2 ms to import, repaid by any document longer than a few records
    except ImportError:  # declared in setup.cfg, but usclet must work without it
        orjson = None
    if orjson is not None:
        try:
            return orjson.dumps(document, option=orjson.OPT_INDENT_2)
        except TypeError:
            pass  # something orjson refuses (a surrogate, a huge integer): the standard encoder decides
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
