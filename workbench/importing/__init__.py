"""Turn files, URLs and pasted text into an Article whose text the offsets refer to."""

from workbench.importing.loader import (
    MAX_ARTICLE_BYTES,
    article_from_bytes,
    article_from_text,
    load_article,
)

__all__ = ["MAX_ARTICLE_BYTES", "article_from_bytes", "article_from_text", "load_article"]
