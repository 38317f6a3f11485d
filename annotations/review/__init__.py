"""Review: editors confirm, correct, reject or add statements, one card at a time, with history, undo and locks."""
