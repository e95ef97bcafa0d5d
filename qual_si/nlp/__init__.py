"""NLP components of qual-si: segmentation, embedders, deductive suggestions, themes, metrics.

Each component works on plain Python data (strings, spans, ``model.Code`` lists, numpy arrays) and
follows scikit-learn conventions (``__init__`` stores parameters, ``fit`` returns self, fitted
attributes end in ``_``). Import the submodules you need:

- ``qual_si.nlp.segment``  -- ``Segmenter``: sentence spans inside utterance spans (spaCy)
- ``qual_si.nlp.embed``    -- ``Embedder``, ``LsaEmbedder``, ``SentenceTransformerEmbedder``, ``make_embedder``
- ``qual_si.nlp.vectors``  -- ``text_hash``, ``pack_vector``/``unpack_vector`` for the embedding cache
- ``qual_si.nlp.keywords`` -- tokenising, stemming and keyword matching with evidence
- ``qual_si.nlp.cache``    -- ``CachedEmbedder``: known vectors served from the project's cache
- ``qual_si.nlp.context``  -- ``with_context``: a sentence's vector blended with its turn's
- ``qual_si.nlp.coverage`` -- ``covered_codes``: the codes (and their parents) already on a segment
- ``qual_si.nlp.suggest``  -- ``SuggestionScorer``, ``SuggestionHit``, ``suggestible_codes``, ``codebook_texts``
- ``qual_si.nlp.themes``   -- ``ThemeFinder``, ``ThemeResult``, ``residual_mask``, ``draft_code_from_theme``
- ``qual_si.nlp.theme_words`` -- theme keywords (c-TF-IDF), labels and representative quotes
- ``qual_si.nlp.quality``  -- precision/recall at k, NPMI coherence, topic diversity, ARI

This package imports nothing heavy: spaCy, scikit-learn, BERTopic and torch load inside functions.
"""
