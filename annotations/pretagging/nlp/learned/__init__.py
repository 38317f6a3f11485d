"""The learned part of the pre-tagger (pure spaCy, no Django): training data, training, and the component
that merges a trained model's spans with the rules' statements."""
