"""JSON in and out, fast where it matters: orjson when it is installed, the standard library otherwise.

Both write the same bytes for usclet's records (strings, whole numbers, booleans,
null, lists, objects): two-space indentation, UTF-8, no escaping of non-ASCII. So a
store or an output never depends on which one wrote it. The standard library's
encoder is pure Python once it indents, which is why orjson earns its place on large
stores.
"""

import json

_UNSET = object()
orjson = _UNSET  # imported on first use: a short listing is printed before orjson could load
SMALL = 200  # lists this short are encoded as quickly by the standard library


def _fast():
    global orjson
    if orjson is _UNSET:
        try:
            import orjson as module
        except ImportError:  # declared in setup.cfg, but usclet must work without it
            module = None
        orjson = module
    return orjson


def loads(text):
    """Parses JSON text (str). Raises json.JSONDecodeError as json does."""
    # The standard parser builds the records with far less memory than orjson and
    # about as fast, so it reads the store; its errors are the ones users see.
    return json.loads(text)


def dumps_indented(document):
    """`document` as UTF-8 bytes, indented by two spaces, like json.dumps(indent=2, ensure_ascii=False)."""
    fast = None if isinstance(document, list) and len(document) < SMALL else _fast()
    if fast is not None:
        try:
            return fast.dumps(document, option=fast.OPT_INDENT_2)
        except TypeError:
            pass  # something orjson refuses (a surrogate, a huge integer): the standard encoder decides
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def iter_indented(document, chunk=1000):
    """dumps_indented(document) in pieces: a long list is encoded a chunk of items at a time,
    so printing a large listing never holds the whole text in memory."""
    if not isinstance(document, list) or len(document) <= chunk:
        yield dumps_indented(document)
        return
    yield b"[\n"
    for start in range(0, len(document), chunk):
        if start:
            yield b",\n"
        # "[\n" + items + "\n]": the items are already indented as a list's items are
        yield dumps_indented(document[start:start + chunk])[2:-2]
    yield b"\n]"
