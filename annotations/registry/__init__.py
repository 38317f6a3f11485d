"""The speaker registry: one record per person or organisation, kept clean by editors (aliases, merges,
splits, likely duplicates, Wikidata ids)."""
