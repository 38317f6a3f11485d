"""The pre-tagger learns from editors: training data from reviewed articles, model versions, loading the
active model in the worker. The spaCy side (no Django) is in ``annotations.pretagging.nlp.learned``."""
