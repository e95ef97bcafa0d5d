from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from qual_si.errors import InvalidOperation, MissingDependency, UnreadableFile
from qual_si.nlp.embed import LsaEmbedder, SentenceTransformerEmbedder, make_embedder
from qual_si.nlp.vectors import pack_vector, text_hash, unpack_vector

pytestmark = pytest.mark.usefixtures("no_network")

TEXTS = [
    "Year 6 teachers moderate writing together every term.",
    "Moderation of writing across the schools keeps judgements honest.",
    "The trustees and the board set the scheme of delegation.",
    "Governors on the standards committee question the board papers.",
    "Teacher workload and wellbeing come up at every staff meeting.",
    "We cut marking to protect wellbeing and reduce workload.",
    "The curriculum is sequenced so knowledge builds from nursery.",
    "Our phonics scheme is the same in every primary curriculum.",
]


def test_lsa_rows_are_unit_float32_and_similar_texts_are_close() -> None:
    embedder = LsaEmbedder(seed=0).fit(TEXTS)
    vectors = embedder.transform(TEXTS)
    assert vectors.dtype == np.float32 and vectors.shape == (len(TEXTS), embedder.dimension)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    similarity = vectors @ vectors.T
    assert similarity[0, 1] > similarity[0, 2] and similarity[4, 5] > similarity[4, 6]
    # a small corpus caps the dimension below the number of texts
    assert embedder.dimension <= len(TEXTS) - 1


def test_text_without_known_words_gets_a_zero_row_not_nan() -> None:
    vectors = LsaEmbedder().fit(TEXTS).transform(["zzyzx qwerty", ""])
    assert np.all(vectors == 0) and not np.isnan(vectors).any()
    assert LsaEmbedder().fit(TEXTS).transform([]).shape[0] == 0


def test_same_texts_and_seed_give_same_id_and_vectors_other_texts_another_id() -> None:
    first, second = LsaEmbedder(seed=0).fit(TEXTS), LsaEmbedder(seed=0).fit(TEXTS)
    assert first.id == second.id and first.id.startswith("lsa-v1:d=")
    assert np.array_equal(first.transform(TEXTS), second.transform(TEXTS))
    other = LsaEmbedder(seed=0).fit([*TEXTS, "A brand new sentence about estates and buildings."])
    assert other.id != first.id


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        ([], "at least 3"),
        (["one text", "one text", "  "], "at least 3"),
        (["the and of", "we are it", "to be or"], "no usable words"),
    ],
)
def test_unusable_training_texts_give_a_clear_error(texts: list[str], message: str) -> None:
    with pytest.raises(InvalidOperation, match=message):
        LsaEmbedder().fit(texts)


def test_unfitted_lsa_says_so() -> None:
    with pytest.raises(InvalidOperation, match="not fitted"):
        LsaEmbedder().transform(["text"])
    with pytest.raises(InvalidOperation, match="not fitted"):
        _ = LsaEmbedder().id


def test_make_embedder_parses_specs() -> None:
    """``lsa``, ``lsa:DIMENSIONS``, ``lsa:seed=N`` (either order) and ``st:PATH``; anything else fails."""
    assert isinstance(make_embedder("lsa"), LsaEmbedder)
    assert make_embedder("lsa:32").n_components == 32  # type: ignore[attr-defined]
    seeded = make_embedder("lsa:64:seed=3")
    assert isinstance(seeded, LsaEmbedder) and (seeded.n_components, seeded.seed) == (64, 3)
    assert make_embedder("lsa:seed=2").seed == 2  # type: ignore[attr-defined]
    st = make_embedder("st:/models/mini")
    assert isinstance(st, SentenceTransformerEmbedder) and st.path == Path("/models/mini")
    for bad in ("bert", "lsa:0", "st:", "lsa:x", "lsa:seed=", "lsa:seed=-1"):
        with pytest.raises(InvalidOperation, match="unknown embedder"):
            make_embedder(bad)


def test_sentence_transformer_from_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="no such folder"):
        SentenceTransformerEmbedder(tmp_path / "absent").fit(TEXTS)
    (tmp_path / "empty").mkdir()
    with pytest.raises(UnreadableFile, match="not a sentence-transformers model folder"):
        SentenceTransformerEmbedder(tmp_path / "empty").transform(TEXTS)


def test_sentence_transformers_not_installed_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "modules.json").write_text("[]", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # makes the import fail
    with pytest.raises(MissingDependency, match=r"qual-si\[embeddings\]"):
        SentenceTransformerEmbedder(tmp_path).fit(TEXTS)


def test_packed_vectors_round_trip_and_corruption_is_detected() -> None:
    vector = np.linspace(-1, 1, 16, dtype=np.float32)
    blob = pack_vector(vector)
    assert np.array_equal(unpack_vector(blob, 16), vector)
    flipped = bytearray(blob)
    flipped[-3] ^= 0x40
    nan_blob = pack_vector(np.array([np.nan, 1.0], dtype=np.float32))
    for corrupt, dimension in [
        (blob[:-4], 16),
        (bytes(flipped), 16),
        (blob, 8),
        (b"", None),
        (None, None),
        (b"junk" * 5, None),
        (nan_blob, 2),
    ]:
        assert unpack_vector(corrupt, dimension) is None


def test_text_hash_is_stable_and_distinguishes_texts() -> None:
    assert text_hash("café") == text_hash("café") != text_hash("cafe")
    assert len(text_hash("")) == 64
