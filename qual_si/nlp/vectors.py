"""Storing embedding vectors safely: text hashes for cache keys, and checked byte blobs.

The project caches embeddings keyed by (text hash, embedder id). A cached blob carries a CRC32 of
its bytes, so a truncated or bit-flipped vector is detected on read (``unpack_vector`` returns
None) and the caller recomputes it instead of feeding garbage to the suggestions.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from typing import Any

import numpy as np

_HEADER = struct.Struct("<4sII")  # magic, dimension, crc32 of the float32 payload
_MAGIC = b"QSV1"


def text_hash(text: str) -> str:
    """Stable key of a segment's text (sha256 hex of its UTF-8 bytes)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def pack_vector(vector: Any) -> bytes:
    """One vector as bytes: header (magic, dimension, CRC32) + little-endian float32 values."""
    values = np.ascontiguousarray(vector, dtype="<f4").reshape(-1)
    payload = values.tobytes()
    return _HEADER.pack(_MAGIC, values.size, zlib.crc32(payload)) + payload


def unpack_vector(blob: bytes | None, dimension: int | None = None) -> np.ndarray | None:
    """The vector in ``blob``, or None when it is missing, corrupt, of another dimension or not finite."""
    if not blob or len(blob) < _HEADER.size:
        return None
    magic, size, checksum = _HEADER.unpack_from(blob)
    payload = bytes(blob[_HEADER.size :])
    if magic != _MAGIC or len(payload) != 4 * size or zlib.crc32(payload) != checksum:
        return None
    if dimension is not None and size != dimension:
        return None
    values = np.frombuffer(payload, dtype="<f4").astype(np.float32)
    if not np.all(np.isfinite(values)):
        return None
    return values
