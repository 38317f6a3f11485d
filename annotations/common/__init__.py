"""What several parts of the product share: name keys, spans, bulk COPY, editor access and keys."""
