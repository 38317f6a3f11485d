"""Importing: readers turn files, saved pages and pasted text into drafts (no database); the service
previews them (new, duplicate or error, by line) and stores the new ones in one transaction."""
