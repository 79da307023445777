"""The text encoding of an uploaded file: which one it is, and whether bytes decode strictly.

`detect_encoding` tells UTF-8 (with or without BOM) from GB18030 for the CSV reader, and
`wide_encoding` names the UTF-16/32 of a byte-order mark (Excel's "Unicode text" export is
UTF-16 LE with BOM), which `to_utf8` transcodes a chunk at a time; `decodes` is the strict,
chunked check beneath them, which the XLSX reader also uses to tell a renamed CSV from a
damaged workbook. None copies the whole file as a `str`.
"""

from __future__ import annotations

import codecs

from ingest.reading.file_limits import FileRejected

__all__ = ["WIDE_BOMS", "decodes", "detect_encoding", "to_utf8", "wide_encoding"]

_CHUNK_BYTES = 1024 * 1024  # the encoding is validated this much at a time
# Byte-order marks of the wide encodings, UTF-32 first: the UTF-32 LE mark begins with the
# UTF-16 LE one (FF FE), and UTF-16 text never starts with U+0000 after its mark.
WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
             (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def wide_encoding(content: bytes) -> str | None:
    """``"utf-16"`` or ``"utf-32"`` when the content starts with that byte-order mark."""
    return next((name for bom, name in WIDE_BOMS if content.startswith(bom)), None)


def to_utf8(content: bytes, encoding: str, *, file_name: str = "") -> bytes:
    """The content decoded strictly from `encoding` and encoded as UTF-8, a chunk at a time
    (the byte-order mark is dropped); `FileRejected` (``file.encoding``) if it does not decode.

    Excel saves "Unicode text" as UTF-16 LE with a mark and TAB between cells; transcoding
    it first lets the CSV reader treat it like any other text file.
    """
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    view = memoryview(content)
    parts: list[bytes] = []
    try:
        for start in range(0, len(view), _CHUNK_BYTES):
            parts.append(decoder.decode(view[start:start + _CHUNK_BYTES]).encode("utf-8"))
        parts.append(decoder.decode(b"", final=True).encode("utf-8"))
    except UnicodeError as error:  # also a lone surrogate, which UTF-8 cannot encode
        raise FileRejected("file.encoding", name=file_name) from error
    return b"".join(parts)


def detect_encoding(content: bytes, *, file_name: str = "") -> str:
    """Tell the encoding of a text file: ``"utf-8-sig"``, ``"utf-8"`` or ``"gb18030"``.

    A UTF-8 byte-order mark means ``"utf-8-sig"``. Otherwise the whole content is decoded
    strictly as UTF-8, and failing that strictly as GB18030 (a superset of GBK and GB2312,
    which is what Excel writes on Chinese Windows); if both fail the file is refused with
    ``file.encoding`` (`file_name` only fills the message). UTF-16/32 text is transcoded
    (`to_utf8`) before this is asked; a wide byte-order mark here is refused.

    Why trying UTF-8 first is sound: UTF-8 is self-validating. Every non-ASCII character is a
    lead byte ``C2``–``F4`` followed by exactly one to three continuation bytes ``80``–``BF``,
    and a strict decoder rejects anything else, overlong forms included (so the classic GBK
    "联通" = ``C1 AA CD A8`` is *not* valid UTF-8). GBK text pairs lead bytes ``81``–``FE`` with
    trail bytes ``40``–``FE``: a single character occasionally happens to look like a UTF-8
    sequence, but every character of a run of Chinese text must line up for the whole file to
    pass, and the chance falls geometrically with the number of characters, so real GBK tables
    essentially never decode as UTF-8. Pure ASCII decodes the same either way. The reverse
    direction needs no heuristic at all: UTF-8 text is tried first, so it can never be taken
    for GB18030. What GB18030 can mis-accept is non-Chinese legacy text (Latin-1, Big5), which
    statistics bureaus do not send.
    """
    if content.startswith(codecs.BOM_UTF8):
        if not decodes(memoryview(content)[len(codecs.BOM_UTF8):], "utf-8"):
            raise FileRejected("file.encoding", name=file_name)
        return "utf-8-sig"
    if wide_encoding(content) is not None:
        raise FileRejected("file.encoding", name=file_name)
    if content.isascii() or decodes(content, "utf-8"):
        return "utf-8"
    if decodes(content, "gb18030"):
        return "gb18030"
    raise FileRejected("file.encoding", name=file_name)


def decodes(content: bytes | memoryview, encoding: str, *, final: bool = True) -> bool:
    """Whether `content` decodes strictly, checked a chunk at a time (no whole copy as str).

    With `final` false a character cut off at the end does not count against it.
    """
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    view = memoryview(content)
    try:
        for start in range(0, len(view), _CHUNK_BYTES):
            decoder.decode(view[start:start + _CHUNK_BYTES])
        decoder.decode(b"", final=final)
    except UnicodeDecodeError:
        return False
    return True
