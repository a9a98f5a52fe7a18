"""Build tests/data/markup/pages/*.html: five web-corpus articles as saved pages.

The search store keeps the text of each page, not its HTML, so these pages put
the real text of five `corpora/web/dev` articles (their residue lines
included) into the markup a WordPress-style theme produces and a browser saves:
a <head> with meta, styles and tracking scripts (with `<` and `&&` inside),
navigation, the article with inline links, emphasis and character references,
figures with alt texts, tag lists as <ul>, comment forms as <div>s, a sidebar
and a footer. Run it again to rebuild them:

    python tests/data/markup/make_pages.py
"""
from __future__ import annotations

import hashlib
import html
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
OUT = Path(__file__).resolve().parent / "pages"
ARTICLES = [
    "dailynewsen-com--strong-heat-south-east",
    "khabarnews-net--match-day-before-blues-at-home",
    "limnews-com--pap-ndiaye-revision-day-specialty-tests",
    "celebsnet-com--valenton-teenager-stabbed",
    "matzavreview-com--deschamps-reaction-crazy-success",
]
COMMENT_WORDS = ("leave a comment", "leave a reply", "your email address", "required fields", "save my name")


def _pick(line: str, n: int) -> int:
    return int(hashlib.sha1(line.encode()).hexdigest()[:6], 16) % n


def _inline(line: str) -> str:
    """The line as HTML: references for curly apostrophes, and one inline element."""
    words = line.split(" ")
    out = [html.escape(w, quote=False) for w in words]
    k = _pick(line, 4)
    caps = [i for i, w in enumerate(words) if w[:1].isupper() and w.isalpha() and i > 0]
    if caps and k == 0:
        i = caps[0]
        out[i] = f'<a href="https://example.org/tag/{words[i].lower()}/" rel="tag">{out[i]}</a>'
    elif len(out) > 6 and k == 1:
        out[3] = f"<strong>{out[3]}</strong>"
    elif len(out) > 6 and k == 2:
        out[2] = f"<em>{out[2]}"
        out[4] = f"{out[4]}</em>"
    text = " ".join(out)
    if _pick(line, 2):
        text = text.replace("’", "&#8217;")
    return text


def page(name: str) -> str:
    text = (ROOT / "corpora" / "web" / "dev" / f"{name}.txt").read_text(encoding="utf-8")
    lines = [l for l in text.split("\n") if l.strip()]
    title = lines[0] if len(lines[0].split()) <= 20 and not lines[0].rstrip().endswith(".") else name
    head = [
        "<!DOCTYPE html>", '<html lang="en-US">', "<head>", '<meta charset="UTF-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title, quote=False)} &#8211; News</title>",
        '<link rel="stylesheet" href="https://example.org/wp-content/themes/news/style.css?ver=6.1" media="all">',
        "<style id=\"global-styles-inline-css\">body{--wp--preset--color--black: #000000;} a > b {x: 1}</style>",
        "<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}"
        " if (a < b && b > c) { gtag('js', new Date()); }</script>",
        "</head>",
        '<body class="post-template-default single single-post">',
        '<a class="skip-link screen-reader-text" href="#content">Skip to content</a>',
        '<nav id="site-navigation"><ul id="primary-menu"><li><a href="/">Home</a></li>'
        '<li><a href="/politics/">Politics</a></li><li><a href="/sport/">Sport</a></li></ul></nav>',
        "<!-- #site-navigation -->",
        '<main id="content">',
        '<article id="post-1" class="post type-post status-publish">',
    ]
    body = []
    i = 0
    if title != name:
        body.append(f'  <h1 class="entry-title">{_inline(lines[0])}</h1>')
        body.append('  <figure class="wp-block-image"><img src="/img/1.jpg" alt="Illustration &amp; photo" '
                    'loading="lazy" width="800" height="450"></figure>')
        i = 1
    rest = lines[i:]
    j = 0
    while j < len(rest):
        line = rest[j]
        low = line.lower()
        if line.lstrip().startswith("•"):
            items = []
            while j < len(rest) and rest[j].lstrip().startswith("•"):
                items.append(f"    <li>{_inline(rest[j].lstrip()[1:].strip())}</li>")
                j += 1
            body.append('  <ul class="tags">\n' + "\n".join(items) + "\n  </ul>")
            continue
        if any(w in low for w in COMMENT_WORDS):
            block = []
            while j < len(rest) and any(w in rest[j].lower() for w in COMMENT_WORDS):
                tag = "h3" if not block else "p"
                block.append(f"    <{tag}>{_inline(rest[j])}</{tag}>")
                j += 1
            body.append('  <div id="respond" class="comment-respond">\n' + "\n".join(block) +
                        '\n    <form action="/wp-comments-post.php" method="post"><textarea name="comment">'
                        "</textarea></form>\n  </div>")
            continue
        if len(line.split()) > 45:  # long paragraphs wrapped over two source lines
            words = _inline(line).split(" ")
            mid = len(words) // 2
            body.append("  <p>" + " ".join(words[:mid]) + "\n    " + " ".join(words[mid:]) + "</p>")
        else:
            body.append(f"  <p>{_inline(line)}</p>")
        j += 1
    tail = [
        "</article>",
        '<aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">Recent Posts</h2>'
        '<ul><li><a href="/a/">Another story</a></li></ul></section></aside>',
        "</main>",
        '<footer id="colophon"><p>&copy; 2023 News &middot; All rights reserved</p></footer>',
        '<script src="https://example.org/wp-includes/js/wp-emoji-release.min.js?ver=6.1" defer></script>',
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(head + body + tail)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name in ARTICLES:
        (OUT / f"{name}.html").write_text(page(name), encoding="utf-8")
        print(OUT / f"{name}.html")


if __name__ == "__main__":
    main()
