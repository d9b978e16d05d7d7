"""Turn files, URLs and pasted text into an Article whose text the offsets refer to."""

from pathlib import Path

from workbench.domain import Article
from workbench.errors import UserError


def load_article(source: str) -> Article:
    try:
        text = Path(source).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise UserError(f"Cannot read {source}: {error.strerror}.") from error
    return Article(text=text, origin=source)
