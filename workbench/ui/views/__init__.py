"""Widgets that show the records: the article with its highlights, the detail and sources panels."""
