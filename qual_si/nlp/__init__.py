"""NLP components of qual-si: segmentation, embedders, deductive suggestions, themes, metrics.

Each component works on plain Python data (strings, spans, ``model.Code`` lists, numpy arrays) and
follows scikit-learn conventions (``__init__`` stores parameters, ``fit`` returns self, fitted
attributes end in ``_``). Import the submodules you need:

- ``qual_si.nlp.segment``  -- ``Segmenter``: sentence spans inside utterance spans (spaCy)
- ``qual_si.nlp.embed``    -- ``Embedder``, ``LsaEmbedder``, ``SentenceTransformerEmbedder``, ``make_embedder``
- ``qual_si.nlp.vectors``  -- ``text_hash``, ``pack_vector``/``unpack_vector`` for the embedding cache
- ``qual_si.nlp.keywords`` -- tokenising, stemming and keyword matching with evidence
- ``qual_si.nlp.suggest``  -- ``SuggestionScorer``, ``SuggestionHit``, ``leaf_codes``, ``codebook_texts``
- ``qual_si.nlp.themes``   -- ``ThemeFinder``, ``ThemeResult``, ``residual_mask``, ``draft_code_from_theme``
- ``qual_si.nlp.quality``  -- precision/recall at k, NPMI coherence, topic diversity, ARI

This package imports nothing heavy: spaCy, scikit-learn, BERTopic and torch load inside functions.
"""
