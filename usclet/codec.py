"""JSON in and out, fast where it matters: orjson when it is installed, the standard library otherwise.

Both write the same bytes for usclet's records (strings, whole numbers, booleans,
null, lists, objects): two-space indentation, UTF-8, no escaping of non-ASCII. So a
store or an output never depends on which one wrote it. The standard library's
encoder is pure Python once it indents, which is why orjson earns its place on large
stores.
"""

import json
from itertools import islice

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
    """dumps_indented(document) in pieces: a long list or object, or an object holding some (a
    store and its tables), is encoded a chunk of items at a time, so that printing a large
    listing or writing a large store never holds the whole text in memory."""
    return _pieces(document, chunk, 0)


def _pieces(value, chunk, depth):
    """The pieces of `value` encoded as it stands `depth` levels deep."""
    if isinstance(value, list) and len(value) > chunk:
        groups = (value[start:start + chunk] for start in range(0, len(value), chunk))
        yield from _grouped(groups, b"[", b"]", depth)
    elif not isinstance(value, dict) or not all(isinstance(key, str) for key in value):
        yield deeper(dumps_indented(value), depth)
    elif len(value) > chunk:
        items = iter(value.items())
        groups = (dict(islice(items, chunk)) for _ in range(0, len(value), chunk))
        yield from _grouped(groups, b"{", b"}", depth)
    elif any(isinstance(item, (list, dict)) and len(item) > chunk for item in value.values()):
        yield b"{"
        inner = b"  " * (depth + 1)
        for number, (key, item) in enumerate(value.items()):
            yield (b",\n" if number else b"\n") + inner + dumps_indented(key) + b": "
            yield from _pieces(item, chunk, depth + 1)
        yield b"\n" + b"  " * depth + b"}"
    else:
        yield deeper(dumps_indented(value), depth)


def _grouped(groups, opening, closing, depth):
    """A list or object written a group of its items at a time."""
    yield opening
    for number, group in enumerate(groups):
        # each group is encoded as a whole list or object: "[\n" + items + "\n]", the items
        # already indented as the items of one are
        yield (b"," if number else b"") + deeper(b"\n" + dumps_indented(group)[2:-2], depth)
    yield b"\n" + b"  " * depth + closing


def deeper(encoded, depth):
    """Encoded JSON moved `depth` levels deeper: JSON strings hold no raw line breaks, so
    every line break starts a line to indent."""
    return encoded.replace(b"\n", b"\n" + b"  " * depth) if depth else encoded
