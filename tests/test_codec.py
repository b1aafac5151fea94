"""The fast JSON encoder and the standard library's write the same bytes."""

import json

import pytest

from conftest import SHIPPED, load
from usclet import codec, store

TRICKY = {"text": "\x00\x1f\x7f\u2028 “curly” \\ \" é", "numbers": [-5, 0, 7], "flags": [True, False, None],
          "empty": [{}, []], "nested": {"a": {"b": []}}}


@pytest.fixture(params=["fast", "standard"])
def encoder(request, monkeypatch):
    if request.param == "standard":
        monkeypatch.setattr(codec, "orjson", None)
    elif codec._fast() is None:
        pytest.skip("orjson is not installed")
    return request.param


def test_both_encoders_write_what_json_dumps_writes(encoder):
    for document in (TRICKY, load(SHIPPED), [], {}, [TRICKY] * 2500, [TRICKY] * 5):
        expected = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
        assert codec.dumps_indented(document) == expected
        assert b"".join(codec.iter_indented(document, chunk=7)) == expected


def test_the_shipped_store_is_what_either_encoder_writes(encoder):
    assert store.encode(load(SHIPPED)) == SHIPPED.read_bytes()


def test_what_orjson_refuses_falls_back_to_the_standard_encoder(encoder):
    document = {"big": 2 ** 70}
    assert codec.dumps_indented(document) == json.dumps(document, indent=2).encode()
