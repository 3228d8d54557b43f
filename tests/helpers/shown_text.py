"""What a label or a message box shows a person, as opposed to the string it was given.

A ``QLabel`` (and a ``QMessageBox``, and a tooltip) renders its text as HTML when told to, or
when it is left on ``Qt.AutoText`` and the text merely looks like markup (``Qt.mightBeRichText``):
then a workout called ``<b>Hills</b>`` shows as a bold "Hills". These helpers answer the
question a runner would: which characters are on screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt  # the Qt namespace with QtGui's mightBeRichText
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox

#: A title that is nothing but markup when rendered as rich text: bold, an image, a link.
MARKUP_TITLE = "<b>Hill</b> <img src='hill.png'> <a href='https://example.com'>repeats</a>"


def rendered(text: str, text_format: Qt.TextFormat) -> str:
    """The characters ``text`` shows as, in a widget set to ``text_format``."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def label_text(label: QLabel) -> str:
    """What ``label`` shows."""
    return rendered(label.text(), label.textFormat())


def box_text(box: QMessageBox) -> str:
    """What ``box`` shows as its main text."""
    return rendered(box.text(), box.textFormat())


def box_informative_text(box: QMessageBox) -> str:
    """What ``box`` shows under its main text (the informative text follows the box's format)."""
    label = box.findChild(QLabel, "qt_msgbox_informativelabel")
    if label is None:
        return ""
    return label_text(label)
