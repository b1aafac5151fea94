"""The store file read a piece at a time, in the layout usclet writes it.

usclet writes its store with two-space indentation (`codec.dumps_indented`): each
table opens on a line `  "name": {`, each of its records starts on a line
`    "key": ...`, and the table closes on a line `  }`. JSON strings hold no raw line
breaks, so these lines can be found in the bytes without parsing them. Parsing a
block of whole records at a time never holds the file's text beside the records it
becomes: a store's text takes up to twice its bytes in memory, its records more.

A file laid out otherwise (written by another tool, or broken) raises `NotOutline`;
the caller then parses it whole, which also gives the exact error for a broken one.
Every piece is checked byte for byte and parsed by the same JSON parser, so a file
read piece by piece gives the same data as the file parsed whole.
"""

import json
import os
import re

BLOCK = 1 << 22  # bytes read at a time
HEAD = b"{\n"
TABLE_NAME = re.compile(rb'  ("(?:[^"\\\n]|\\.)*"): ')
RECORD_START = b'\n    "'  # a line opening a record (a member of a table)
NEXT_RECORD = b"," + RECORD_START
TABLE_CLOSE = b"\n  }"
STORE_CLOSE = b"\n}"
JSON_SPACE = b" \t\n\r"

# The values that repeat across a large store: a few hundred origins, speakers, articles and
# files, a few thousand events and dates, thousands of times each.
SHARED_CLAIM_FIELDS = ("event", "date", "end_date", "date_basis", "date_text")
SHARED_EVIDENCE_FIELDS = ("article", "file", "speaker", "side", "origin")


class NotOutline(Exception):
    """The file is not laid out as usclet writes it, or is not valid: parse it whole."""


class _Blocks:
    """The file's bytes, a block at a time, read into one reused buffer; offsets are the file's."""

    def __init__(self, handle):
        self.handle = handle
        self.size = os.fstat(handle.fileno()).st_size
        self.data = bytearray()
        self.base = 0  # the file offset of data[0]
        self._room = bytes(min(BLOCK, self.size + 1))  # what a block is read into, not allocated anew each time

    def more(self, keep_from):
        """Reads another block, dropping the bytes before file offset `keep_from`; False at the end."""
        del self.data[:keep_from - self.base]
        self.base = keep_from
        filled = len(self.data)
        # no larger than what is left (a small store is read in one go), and a byte more to see the end
        left = self.size - keep_from - filled
        with memoryview(self._room) as room:
            self.data += room[:left + 1 if left > 0 else len(room)]
        with memoryview(self.data) as view:
            count = self.handle.readinto(view[filled:])
        del self.data[filled + count:]
        return count > 0

    def ensure(self, offset, count):
        """At least `count` bytes from file offset `offset` are in memory, unless the file ends first."""
        while self.base + len(self.data) < offset + count and self.more(offset):
            pass

    def startswith(self, prefix, offset):
        self.ensure(offset, len(prefix))
        return self.data.startswith(prefix, offset - self.base)


class Piece:
    """A run of whole records of a table, at `offset` in the file, `size` bytes long: the text
    between the braces of an object holding them. Valid until the next piece is read."""

    def __init__(self, blocks, offset, size):
        self._blocks, self.offset, self.size = blocks, offset, size

    @property
    def bounds(self):
        """(buffer, start, end): where the piece is in the buffer that holds it now."""
        start = self.offset - self._blocks.base
        return self._blocks.data, start, start + self.size

    def records(self):
        """{key: record}, parsed as the whole file would be (UTF-8, strictly), or NotOutline."""
        data, start, end = self.bounds
        # The bytes either side (a brace, comma or line break) become the braces of an
        # object for a moment, so that the piece is decoded straight from the buffer.
        before, after = data[start - 1], data[end]
        data[start - 1], data[end] = 0x7B, 0x7D  # "{", "}"
        try:
            with memoryview(data) as view:
                text = str(view[start - 1:end + 1], "utf-8")
        except UnicodeDecodeError:
            raise NotOutline from None
        finally:
            data[start - 1], data[end] = before, after
        records = _loads(text)
        if not isinstance(records, dict):
            raise NotOutline
        return records


def pieces(handle):
    """The store file's structure, in file order, from an open binary file at its start.

    Yields ("table", name, offset) when a table opens (offset: its first byte after the
    opening brace), ("records", name, piece) for runs of whole records of a table (a
    Piece), ("end", name, offset) when it closes (offset: of the line break before its
    closing brace; None for a table written `{}`), and last ("close", offset), the offset
    of the line break before the store's closing brace. Raises NotOutline.
    """
    blocks = _Blocks(handle)
    if not blocks.startswith(HEAD, 0):
        raise NotOutline
    offset = len(HEAD)
    while True:
        blocks.ensure(offset, 4096)
        found = TABLE_NAME.match(blocks.data, offset - blocks.base)
        if not found:
            raise NotOutline
        try:
            name = _loads(found.group(1).decode("utf-8"))
        except UnicodeDecodeError:
            raise NotOutline from None
        offset = blocks.base + found.end()
        if blocks.startswith(b"{}", offset):
            yield "table", name, offset + 1
            yield "end", name, None
            offset += 2
        elif blocks.startswith(b"{", offset):
            offset += 1
            yield "table", name, offset
            offset = yield from _records(blocks, name, offset)
        else:
            raise NotOutline  # not a table: the whole parse says what is wrong
        if blocks.startswith(b",\n", offset):
            offset += 2
            continue
        if not blocks.startswith(STORE_CLOSE, offset):
            raise NotOutline
        yield "close", offset
        offset += len(STORE_CLOSE)
        while True:
            if blocks.data[offset - blocks.base:].strip(JSON_SPACE):
                raise NotOutline
            if not blocks.more(blocks.base + len(blocks.data)):
                return
            offset = blocks.base


def _records(blocks, name, start):
    """Yields the pieces of a table's records from `start`; returns the offset after the table."""
    searched = start
    while True:
        data, base = blocks.data, blocks.base
        # a regular expression finds this line, its characters common in the file, faster than find()
        close = _TABLE_CLOSE.search(data, searched - base)
        if close:
            close = close.start()
            if close + base > start:
                yield "records", name, Piece(blocks, start, close + base - start)
            yield "end", name, base + close
            return base + close + len(TABLE_CLOSE)
        cut = data.rfind(NEXT_RECORD, start - base)
        if cut >= 0:
            yield "records", name, Piece(blocks, start, cut + base - start)
            start = base + cut + 1
        # the closing line may begin in the last bytes: look for it again from there
        searched = max(start, base + len(data) - len(TABLE_CLOSE) + 1)
        if not blocks.more(start - 1):  # the byte before a piece stands in for its opening brace
            raise NotOutline


_TABLE_CLOSE = re.compile(re.escape(TABLE_CLOSE))


def _loads(text):
    try:
        return json.loads(text)
    except ValueError:
        raise NotOutline from None


def share_strings(table, records, shared):
    """Makes equal values of the fields that repeat one string, kept in `shared`.

    A large store repeats a few hundred origins, speakers and file names hundreds of
    thousands of times; one copy of each saves about a quarter of the records' memory.
    Only strings are shared: records are otherwise left exactly as they were.
    """
    if table != "claims":
        return
    share = shared.setdefault
    for claim in records:
        try:
            # the usual claim, at full speed: every field there, strings or null, one topic or two
            event, date, basis, date_text, topics = (
                claim["event"], claim["date"], claim["date_basis"], claim["date_text"], claim["topics"])
            if event.__class__ is str:
                claim["event"] = share(event, event)
            if date.__class__ is str:
                claim["date"] = share(date, date)
            if basis.__class__ is str:
                claim["date_basis"] = share(basis, basis)
            if date_text.__class__ is str:
                claim["date_text"] = share(date_text, date_text)
            if topics.__class__ is list and len(topics) == 1 and topics[0].__class__ is str:
                topics[0] = share(topics[0], topics[0])
            for item in claim["evidence"]:
                article, file, speaker, side, origin = (
                    item["article"], item["file"], item["speaker"], item["side"], item["origin"])
                if article.__class__ is file.__class__ is speaker.__class__ is side.__class__ is origin.__class__ is str:
                    item["article"], item["file"], item["speaker"], item["side"], item["origin"] = (
                        share(article, article), share(file, file), share(speaker, speaker), share(side, side),
                        share(origin, origin))
        except (KeyError, TypeError):
            continue  # a claim missing fields, or not a claim: left as it is
