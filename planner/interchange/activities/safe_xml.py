"""XML read safely: no entity is ever expanded and no other file or address is ever read.

GPX and TCX are XML, and XML can declare entities: a few hundred bytes that expand to
gigabytes (the "billion laughs" bomb), or a reference that makes a parser read another file
(``SYSTEM "file:///etc/passwd"``). :func:`parse` reads with defusedxml, which refuses both;
:func:`check` does the same for a parser (gpxpy) that reads the text itself.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree

from planner.interchange.activities.samples import ActivityRefused

_DECLARATIONS = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)

BOMB = "an XML entity bomb (the file declares entities, which Legwork never expands)"
EXTERNAL = "an XML external entity (the file asks to read another file, which Legwork never does)"


def parse(data: bytes, what: str) -> Element:
    """The document's root element; :class:`ActivityRefused` for unsafe or broken XML."""
    try:
        root: Element = defusedxml.ElementTree.fromstring(data, forbid_dtd=False)
    except defusedxml.EntitiesForbidden as error:
        external = error.sysid is not None or error.pubid is not None
        raise ActivityRefused(EXTERNAL if external else BOMB) from error
    except (defusedxml.ExternalReferenceForbidden, defusedxml.NotSupportedError) as error:
        raise ActivityRefused(EXTERNAL) from error
    except (ParseError, LookupError, ValueError) as error:  # LookupError: unknown encoding
        raise ActivityRefused(f"not a readable {what} file (broken XML: {error})") from error
    return root


def check(data: bytes, what: str) -> None:
    """Refuse a document that declares entities, before another parser sees it."""
    if _DECLARATIONS.search(data):
        parse(data, what)


def local_name(element: Element) -> str:
    """An element's tag without its namespace (``{...}hr`` is ``hr``)."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""
