"""What reading one upload may cost, and the error that refuses a file as a whole.

`ReadLimits` bounds untrusted input before it is parsed (the file's size, an XLSX archive's
declared sizes, rows and columns). `FileRejected` is raised by every reader when a file cannot
be read at all; it names a ``file.*`` message of `indicators.messages`, whose sizes are written
by `size_text`. They live apart from the readers so that the CSV and XLSX readers, the
pipeline and the upload routes share them without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from indicators.text.messages import bilingual

__all__ = ["FileRejected", "ReadLimits", "size_text"]


@dataclass(frozen=True)
class ReadLimits:
    """Bounds on what one upload may cost to read; the defaults suit real bureau files."""

    max_bytes: int = 200 * 1024 * 1024  # the file itself
    max_uncompressed_bytes: int = 1024 * 1024 * 1024  # XLSX: sum of the members' declared sizes
    max_compression_ratio: float = 200.0  # XLSX: per member, declared size / compressed size
    max_rows: int = 2_000_000  # per sheet
    max_columns: int = 500  # per sheet


class FileRejected(ValueError):
    """The file as a whole cannot be read.

    `key` names a message in `indicators.messages` (``file.*``) and `values` fills its
    placeholders; ``str(error)`` is that message in Chinese and English.
    """

    key: str
    values: dict[str, object]

    def __init__(self, key: str, /, **values: object) -> None:
        self.key = key
        self.values = dict(values)
        super().__init__(bilingual(key, **values))


def size_text(size: int) -> str:
    """A byte count as people write it: ``512 B``, ``3.5 KB``, ``200 MB`` (1 KB = 1024 B)."""
    amount = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if amount < 1024 or unit == "GB":
            break
        amount /= 1024
    if unit == "B":
        return f"{size} B"
    return f"{amount:.1f}".removesuffix(".0") + f" {unit}"
