"""Pre-tagging: spaCy finds the statements of an article (`nlp/`, no Django), the service stores them as
suggestions and resolves their speakers against the registry (`resolution`)."""
