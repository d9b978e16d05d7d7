"""URL sources against a web server on 127.0.0.1: pages, redirects, 404, slow, oversized; recheck."""

from __future__ import annotations

import hashlib
import json
import socket

from source_helpers import HEARING, assert_one_sentence, row_counts
from web_server import Page

TRANSCRIPT = HEARING.read_bytes()
HTML_PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Tannery Lane hearing</title></head>"
    "<body><nav>Home | News | Contact</nav><article><h1>Tannery Lane hearing</h1>"
    + "".join(f"<p>{p}</p>" for p in HEARING.read_text(encoding="utf-8").split("\n\n"))
    + "</article><footer>Millbrook District Council</footer></body></html>"
).encode("utf-8")
VTT = (
    b"WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Petter Halvorsen>The repair will cost "
    b"about four million pounds.\n"
)


def added(run, article_id, url, *extra) -> dict:
    result = run("source", "add", article_id, url, "--json", *extra)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_text_and_html_pages_are_captured(run, article_id, db_path, web_server):
    web_server.pages["/hearing.txt"] = Page(TRANSCRIPT)
    web_server.pages["/hearing"] = Page(HTML_PAGE, "text/html; charset=utf-8")
    web_server.pages["/cue.vtt"] = Page(VTT, "text/vtt")
    text = added(run, article_id, web_server.url("/hearing.txt"))
    assert text["sha256"] == hashlib.sha256(TRANSCRIPT).hexdigest()
    assert text["http_status"] == 200 and text["final_url"] == web_server.url("/hearing.txt")
    page = added(run, article_id, web_server.url("/hearing"))
    assert page["media_type"] == "text/html" and page["title"] == "Tannery Lane hearing"
    cue = added(run, article_id, web_server.url("/cue.vtt"))
    assert cue["media_type"] == "text/vtt"
    for source_id in (text["id"], page["id"]):
        located = json.loads(
            run(
                "locate",
                "--source",
                source_id,
                "--quote",
                "The repair will cost about six million pounds",
                "--json",
            ).out
        )
        assert located["verdict"] == "altered"
    located = json.loads(
        run("locate", "--source", cue["id"], "--quote", "about four million pounds", "--json").out
    )
    assert located["timestamp"] == {"start": "00:00:01.000", "end": "00:00:05.000"}
    assert row_counts(db_path)["source_document"] == 3


def test_redirects_are_followed_and_the_final_url_kept(run, article_id, web_server):
    web_server.pages["/files/hearing-final.txt"] = Page(TRANSCRIPT)
    web_server.redirect("/hearing", "/moved/hearing", 301)
    web_server.redirect("/moved/hearing", web_server.url("/files/hearing-final.txt"))
    source = added(run, article_id, web_server.url("/hearing"))
    assert source["origin"] == web_server.url("/hearing")
    assert source["final_url"] == web_server.url("/files/hearing-final.txt")
    assert source["http_status"] == 200


def test_url_failures_are_one_sentence_and_store_nothing(run, article_id, db_path, web_server):
    web_server.pages["/image"] = Page(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "image/png")
    web_server.pages["/huge"] = Page(b"x" * 10, headers={"Content-Length": str(10**9)})
    web_server.pages["/gone"] = Page(b"gone", status=410)
    web_server.pages["/empty"] = Page(b"")
    for hop in range(8):
        web_server.redirect(f"/hop{hop}", f"/hop{hop + 1}")
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/hearing"
    cases = [
        (web_server.url("/missing"), ["404"]),
        (web_server.url("/gone"), ["410"]),
        (web_server.url("/image"), ["image/png"]),
        (web_server.url("/endless"), ["limit"]),
        (web_server.url("/huge"), ["limit"]),
        (web_server.url("/empty"), ["empty"]),
        (web_server.url("/hop0"), ["redirected more than"]),
        (closed, ["refused"]),
    ]
    before = row_counts(db_path)
    for url, words in cases:
        assert_one_sentence(run("source", "add", article_id, url), *words)
        assert row_counts(db_path) == before, url
    assert_one_sentence(
        run("source", "add", article_id, web_server.url("/slow"), "--timeout", "0.3"),
        "did not answer in time",
    )
    assert row_counts(db_path) == before


def test_recheck_reports_a_changed_page_and_rescores_links(run, article_id, web_server):
    web_server.pages["/hearing.txt"] = Page(TRANSCRIPT)
    source = added(run, article_id, web_server.url("/hearing.txt"))
    proposals = [
        json.loads(line)
        for line in run("source", "autolink", article_id, "--accept-exact", "--json").out.split(
            "\n"
        )
        if line
    ]
    linked = [p for p in proposals if p["accepted_link_id"]]
    assert len(linked) == 3  # the exact ones whose speaker is right
    repair = next(p for p in proposals if p["quote"].startswith("The repair will cost"))
    assert run("link", repair["quote_id"], source["id"]).code == 0

    unchanged = json.loads(run("source", "recheck", source["id"], "--json").out)
    assert unchanged["status"] == "unchanged" and unchanged["changed"] is False
    assert unchanged["links_intact"] is True and len(unchanged["links"]) == 4

    # The council edits the published transcript: the repair now costs "six" million, one of
    # the quoted passages is gone, and a paragraph is added at the top (everything moves).
    edited = TRANSCRIPT.decode("utf-8")
    edited = edited.replace("about four million pounds", "about six million pounds")
    edited = edited.replace("We found out from a laminated sign cable-tied to the railings.", "")
    edited = edited.replace(
        "THE CHAIR: Good evening.", "CORRECTION: amended 20 March.\n\nTHE CHAIR: Good evening."
    )
    web_server.pages["/hearing.txt"] = Page(edited.encode("utf-8"))
    report = json.loads(run("source", "recheck", source["id"], "--json").out)
    assert report["status"] == "changed" and report["changed"] is True
    assert report["text_changed"] is True
    assert report["current_sha256"] == hashlib.sha256(edited.encode()).hexdigest()
    assert report["captured_sha256"] == source["sha256"]
    checks = {c["quote_id"]: c for c in report["links"]}
    by_start = {p["quote"][:20]: p["quote_id"] for p in proposals}
    sign = checks[by_start["from a laminated sig"]]
    assert sign["still_matches"] is False and sign["now"]["found"] is False
    cost = checks[repair["quote_id"]]
    # The article's "six" now matches the source: better than when it was linked as altered.
    assert cost["then"]["verdict"] == "altered" and cost["now"]["verdict"] == "exact"
    assert cost["still_matches"] is True and cost["moved"] is True
    footbridge = checks[by_start["The footbridge was t"]]
    assert footbridge["still_matches"] is True and footbridge["moved"] is True
    assert footbridge["now"]["passage"].startswith("The footbridge was the only safe route")
    assert report["links_intact"] is False

    text = run("source", "recheck", source["id"]).out
    assert "changed since capture (its text changed)" in text and "not found any more" in text

    # The snapshot is evidence: recheck never overwrites it.
    again = json.loads(run("source", "list", article_id, "--json").out)[0]
    assert again["sha256"] == source["sha256"]

    # The page is taken down: reported as unavailable, with the reason.
    del web_server.pages["/hearing.txt"]
    gone = json.loads(run("source", "recheck", source["id"], "--json").out)
    assert gone["status"] == "unavailable" and "404" in gone["problem"]
    assert all(not c["still_matches"] for c in gone["links"])
    assert "intact" in run("audit", "verify").out
