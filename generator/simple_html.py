"""Simple HTML: what a few regular expressions read exactly as html.parser does.

Material's search index (engines/search_sections.py) and the glossary marks (glossary_marks.py)
read every built page; html.parser was most of their time. The HTML MkDocs and portaal write is
simple: tags with double-quoted attributes, text, character references. Such content is cut at its
tags (`parts`) and each tag is read with the expressions below, which give the names and
attributes html.parser gives. A part they do not read means the content is not simple: the
caller then leaves it to html.parser, from the start.
"""

from __future__ import annotations

import re

SPACE = "[ \t\n\r\f]"  # what ends a tag name for html.parser (other white space belongs to the name)
NAME = r"[a-zA-Z][-.a-zA-Z0-9:_]*"
# The content cut at its tags: text, tag, text, ... (a quoted value may hold a '>'; a '<' left in a
# text starts no simple tag).
_TAGS = re.compile(r'(<[^<>"]*(?:"[^"]*"[^<>"]*)*>)')
START_TAG = re.compile(rf'<({NAME})((?:{SPACE}+[^\s"\'<>/=]+(?:{SPACE}*={SPACE}*"[^"]*")?)*){SPACE}*(/?)>')
END_TAG = re.compile(rf"</({NAME}){SPACE}*>")
ATTRIBUTE = re.compile(rf'([^\s"\'<>/=]+)(?:{SPACE}*={SPACE}*"([^"]*)")?')
# Elements whose content html.parser does not read as HTML (in some Python version or other).
_RAW_CONTENT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
                          "noscript", "plaintext"})


def parts(content: str) -> list[str]:
    """The content as text, tag, text, ..., tag, text (the texts at even places, maybe empty)."""
    return _TAGS.split(content)


def content_is_simple(tag: str, parts_: list[str], index: int) -> bool:
    """Whether what follows the start tag at `index` is read as HTML in every Python version: yes,
    unless it is an element with raw content; an empty one (portaal's forms have empty text
    areas) reads the same everywhere."""
    return tag not in _RAW_CONTENT or parts_[index + 1:index + 3] == ["", f"</{tag}>"]
