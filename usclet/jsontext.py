"""JSON as usclet writes it, to the store file and to stdout: two-space indentation,
UTF-8, non-ASCII unescaped. orjson writes it when installed (the standard library's
indenting encoder is pure Python, seconds slower on a large store); both give the same
bytes for usclet's records, so nothing depends on which one wrote them."""

import json


SMALL = 200  # lists this short encode as fast with the standard library, without importing orjson


def dumps(document):
    """`document` as indented UTF-8 bytes, without a final newline."""
    try:
        if isinstance(document, list) and len(document) < SMALL:
            raise ImportError  # a short listing is printed before orjson could be imported
        import orjson
    except ImportError:  # declared in setup.cfg, but usclet must work without it
        orjson = None
    if orjson is not None:
        try:
            return orjson.dumps(document, option=orjson.OPT_INDENT_2)
        except TypeError:
            pass  # something orjson refuses (a surrogate, a huge integer): the standard encoder decides
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
