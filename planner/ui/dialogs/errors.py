"""Inline error messages for forms: a red line under a field, and the form's set of them."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QSizePolicy, QWidget

from planner.ui.style import error_color, is_dark, mix


def _grow_window(widget: QWidget) -> None:
    """Make the window tall enough for a message that just appeared (never shrink it)."""
    window = widget.window()
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    height = layout.totalHeightForWidth(window.width())
    if height < 0:
        height = layout.totalSizeHint().height()
    if window.height() < height:
        window.resize(window.width(), height)


class ErrorLabel(QLabel):
    """A red message under a form field; hidden while there is nothing to say.

    A label given :meth:`reserve` stays in the layout while empty, one line tall, so that a
    message appearing as the runner types moves nothing below it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reserved = False
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_color(dark=is_dark(palette)))
        self.setPalette(palette)
        self.hide()

    def reserve(self) -> None:
        """Keep the label's line in the layout even while there is nothing to say."""
        self._reserved = True
        self.setMinimumHeight(self.fontMetrics().lineSpacing())
        self.show()

    @property
    def reserved(self) -> bool:
        """Whether the label keeps its line while empty."""
        return self._reserved

    def sizeHint(self) -> QSize:
        """As tall as the message needs at the width the label has now."""
        hint = super().sizeHint()
        if self.width() > hint.width():
            return QSize(hint.width(), self.heightForWidth(self.width()))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Ask the layout again: the height a wrapped message needs depends on the width."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()


class FieldErrors:
    """Inline validation messages for a form: one hidden error row under each field.

    Each field is registered with the core field name its errors use
    (``ValidationError.field``); :meth:`show` puts the message under it, tints the field,
    focuses it, and hides again as soon as the runner edits it.

    Args:
        form: the form layout the fields are in.
        general: where errors that name no known field go.
    """

    def __init__(self, form: QFormLayout | None, general: ErrorLabel) -> None:
        self._form = form
        self._general = general
        self._fields: dict[str, tuple[QWidget, ErrorLabel, QFormLayout | None]] = {}
        self._normal: dict[QWidget, QPalette] = {}

    def add(
        self,
        name: str,
        widget: QWidget,
        form: QFormLayout | None = None,
        *,
        label: ErrorLabel | None = None,
    ) -> ErrorLabel:
        """Register ``widget`` as the field ``name``; add its error row to ``form``.

        Without ``form`` (and without the constructor's), ``label`` must be placed by the
        caller.
        """
        form = form or self._form
        error = label or ErrorLabel(widget.parentWidget())
        if label is None and form is not None:
            # Under the field, and across the label column too: more room before a wrap.
            form.addRow(error)
            error.reserve()
        self._fields[name] = (widget, error, form if label is None else None)
        self._normal[widget] = QPalette(widget.palette())
        return error

    def alias(self, name: str, target: str) -> None:
        """Show errors for the core field ``name`` on the field registered as ``target``."""
        self._fields[name] = self._fields[target]

    def widget(self, name: str) -> QWidget | None:
        """The widget registered as ``name``."""
        entry = self._fields.get(name)
        return entry[0] if entry else None

    def message(self, name: str) -> str:
        """The error shown for ``name`` now ("" when none); "" names the general message."""
        if not name:
            return self._general.text() if not self._general.isHidden() else ""
        entry = self._fields.get(name)
        if entry is None:
            return ""
        _widget, label, _form = entry
        return label.text() if not label.isHidden() else ""

    def messages(self) -> list[str]:
        """Every message shown now, general one included."""
        seen: list[str] = []
        labels = [entry[1] for entry in self._fields.values()] + [self._general]
        for label in labels:
            if not label.isHidden() and label.text() and label.text() not in seen:
                seen.append(label.text())
        return seen

    def show(self, name: str, message: str, *, focus: bool = True) -> None:
        """Show ``message`` under the field ``name`` (the general line if unknown)."""
        entry = self._fields.get(name)
        if entry is None:
            self._general.setText(message)
            self._general.show()
            _grow_window(self._general)
            return
        widget, label, _form = entry
        if label.text() != message:
            label.setText(message)
            label.setToolTip(message)
        if not label.reserved:
            label.show()
        self._tint(widget, True)
        widget.setAccessibleDescription(message)
        _grow_window(widget)
        if focus and widget.isEnabled():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(widget, QLineEdit):
                widget.selectAll()

    def clear(self, name: str) -> None:
        """Hide the message of the field ``name``."""
        entry = self._fields.get(name)
        if entry is None:
            return
        widget, label, _form = entry
        if not label.text() and (label.reserved or label.isHidden()):
            return
        label.clear()
        label.setToolTip("")
        if not label.reserved:
            label.hide()
        self._tint(widget, False)
        widget.setAccessibleDescription("")

    def set_row_visible(self, name: str, visible: bool) -> None:
        """Show or hide the message row of ``name`` with its field's row (a hidden field)."""
        entry = self._fields.get(name)
        if entry is None:
            return
        _widget, label, form = entry
        if form is not None:
            form.setRowVisible(label, visible)

    def clear_general(self) -> None:
        """Hide the general message (the one that names no field)."""
        if self._general.text() or not self._general.isHidden():
            self._general.clear()
            self._general.hide()

    def clear_all(self) -> None:
        """Hide every message."""
        for name in list(self._fields):
            self.clear(name)
        self._general.clear()
        self._general.hide()

    def _tint(self, widget: QWidget, invalid: bool) -> None:
        normal = self._normal.get(widget, widget.palette())
        if not invalid:
            widget.setPalette(normal)
            return
        palette = QPalette(normal)
        dark = is_dark(palette)
        red = error_color(dark=dark)
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            base = palette.color(group, QPalette.ColorRole.Base)
            palette.setColor(group, QPalette.ColorRole.Base, mix(base, red, 0.14))
        palette.setColor(QPalette.ColorRole.Highlight, red)
        widget.setPalette(palette)
