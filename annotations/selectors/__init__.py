"""Reads that several views share (HackSoft-style selectors); writes live in annotations/services/."""
