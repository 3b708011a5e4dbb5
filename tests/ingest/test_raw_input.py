"""Every bad input gets a specific InputError naming the source, before any parsing."""

from __future__ import annotations

import warnings

import pytest

from barometer.errors import BinaryInputError, EmptyInputError, InputTooLargeError
from barometer.ingest.raw import decode_bytes, read_path, sniff_media_type


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(EmptyInputError, match="empty.txt: input is empty"):
        read_path(p)


@pytest.mark.parametrize(("data", "what"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    (b"hello\x00\x00\x00world\x00", "NUL bytes"),
])
def test_binary_inputs(tmp_path, data, what):
    p = tmp_path / "renamed.html"
    p.write_bytes(data)
    with pytest.raises(BinaryInputError, match=what):
        read_path(p)


def test_invalid_utf8_is_decoded_with_replacement_and_a_warning(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Title\n\nKyiv said the caf\xe9 was closed on Monday.".encode("latin-1"))
    raw = read_path(p)
    assert "\ufffd" in raw.text
    assert raw.warnings and "not valid UTF-8" in raw.warnings[0] and "latin.txt" in raw.warnings[0]


def test_too_large_refused_before_reading(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"word " * 300)
    with pytest.raises(InputTooLargeError, match="over the limit of 1,000 bytes"):
        read_path(p, max_bytes=1000)


def test_utf8_bom_and_utf16_decode():
    assert decode_bytes("\ufeffHello".encode("utf-8"))[0] == "Hello"
    assert decode_bytes("Hello there".encode("utf-16"))[0] == "Hello there"


def test_media_type_sniffing():
    assert sniff_media_type("<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff_media_type("A title\n\nSome text about <3 things.") == "text"
    assert sniff_media_type("whatever", "page.HTM") == "html"


def test_analyze_warns_on_bad_encoding():
    from barometer import analyze

    data = b"Title\n\nRussian troops massed near the \xffborder, officials said on Monday."
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = analyze(data, "2022-01-24")
    assert any("not valid UTF-8" in str(w.message) for w in caught)
    assert any("not valid UTF-8" in w for w in result.warnings)
