"""The sentence-transformers embedder with a tiny model built in the test (nothing downloaded)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytestmark = [pytest.mark.usefixtures("no_network"), pytest.mark.slow]

WORDS = [
    "the",
    "trust",
    "schools",
    "governors",
    "moderate",
    "writing",
    "together",
    "board",
    "meets",
]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("sentence_transformers")
    import torch
    from sentence_transformers import SentenceTransformer
    from transformers import BertConfig, BertModel, BertTokenizerFast

    root = tmp_path_factory.mktemp("models")
    bert = root / "bert"
    bert.mkdir()
    (bert / "vocab.txt").write_text(
        "\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]), encoding="utf-8"
    )
    tokenizer = BertTokenizerFast(vocab_file=str(bert / "vocab.txt"))
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=len(WORDS) + 5,
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
    )
    BertModel(config).save_pretrained(bert)
    tokenizer.save_pretrained(bert)
    try:  # sentence-transformers >= 6 moved the module classes
        from sentence_transformers.sentence_transformer.modules import Pooling, Transformer
    except ImportError:
        from sentence_transformers.models import Pooling, Transformer
    model = SentenceTransformer(modules=[Transformer(str(bert)), Pooling(16)], device="cpu")
    model.save(str(root / "tiny-st"))
    return root / "tiny-st"


def test_a_local_model_embeds_offline(tiny_model: Path) -> None:
    from qual_si.nlp.embed import make_embedder

    embedder = make_embedder(f"st:{tiny_model}")
    texts = ["the trust schools", "governors board meets", "moderate writing together"]
    vectors = embedder.fit(texts).transform(texts)
    assert vectors.shape == (3, 16) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embedder.id.startswith("st:tiny-st:") and embedder.dimension == 16
    assert np.array_equal(vectors, embedder.transform(texts))
