"""Text for people: escaping plain text for rich-text tooltips."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from planner.core.formatting import escape_html


@given(st.text(alphabet=st.sampled_from("a &<>\"'é·\n&amp;#x27;")) | st.text())
def test_escape_html_is_html_escape(text: str) -> None:
    assert escape_html(text) == html.escape(text)


def test_a_title_with_markup_reads_as_typed() -> None:
    assert escape_html('<b>Tom & "Jerry"\'s</b>') == (
        "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&#x27;s&lt;/b&gt;"
    )
