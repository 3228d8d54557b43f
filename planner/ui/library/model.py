"""The library as an item model: kind headers with their templates below, and a word filter."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import (
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel

from planner.core.formatting import escape_html, template_summary
from planner.core.model import Kind, Template
from planner.core.settings import Units
from planner.core.vocabulary import KIND_ORDER
from planner.ui.mime import TEMPLATE_MIME, encode_template

#: Item data roles of :class:`TemplateModel`.
TEMPLATE_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3
IS_HEADER_ROLE = Qt.ItemDataRole.UserRole + 4
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 5
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 6


def kind_of(index: QModelIndex | QPersistentModelIndex) -> Kind | None:
    """The kind of a header or template row (``None`` for anything else)."""
    value = index.data(KIND_ROLE) if index.isValid() else None
    try:
        return Kind(value) if value is not None else None
    except ValueError:
        return None


class TemplateModel(QStandardItemModel):
    """The library as a two-level model: one header row per kind, its templates below.

    Template rows drag as :data:`planner.ui.mime.TEMPLATE_MIME` (copy only).
    """

    def set_templates(self, templates: Iterable[Template], units: Units = Units.KM) -> None:
        """Show ``templates`` grouped by kind (in the order given within a kind).

        Args:
            templates: the library.
            units: the units the entries' distances are written in.
        """
        self.clear()
        by_kind: dict[Kind, list[Template]] = {kind: [] for kind in KIND_ORDER}
        for template in templates:
            by_kind.setdefault(template.kind, []).append(template)
        root = self.invisibleRootItem()
        for kind, members in by_kind.items():
            if not members:
                continue
            header = QStandardItem(kind.label)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            header.setData(True, IS_HEADER_ROLE)
            header.setData(kind.value, KIND_ROLE)
            header.setData(f"{kind.label} ({len(members)})", Qt.ItemDataRole.AccessibleTextRole)
            for template in members:
                header.appendRow(_template_item(template, units))
            root.appendRow(header)

    def template_at(self, index: QModelIndex | QPersistentModelIndex) -> Template | None:
        """The template of a row of this model, ``None`` for headers."""
        value = index.data(TEMPLATE_ROLE) if index.isValid() else None
        return value if isinstance(value, Template) else None

    def index_of(self, *, template_id: int | None = None, name: str | None = None) -> QModelIndex:
        """The row of the template with that id (or name); invalid when there is none."""
        for row in range(self.rowCount()):
            header = self.index(row, 0)
            for child in range(self.rowCount(header)):
                index = self.index(child, 0, header)
                template = self.template_at(index)
                if template is None:
                    continue
                if (template_id is not None and template.id == template_id) or (
                    name is not None and template.name == name
                ):
                    return index
        return QModelIndex()

    def mimeTypes(self) -> list[str]:
        """Only library entries are dragged from here."""
        return [TEMPLATE_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """The first template among ``indexes`` as a library-entry drag."""
        for index in indexes:
            template = self.template_at(index)
            if template is not None and template.id is not None:
                return encode_template(template.id, template.name)
        return QMimeData()

    def supportedDragActions(self) -> Qt.DropAction:
        """Dragging an entry copies it onto the plan; the library keeps it."""
        return Qt.DropAction.CopyAction

    def supportedDropActions(self) -> Qt.DropAction:
        """Nothing can be dropped on the library."""
        return Qt.DropAction.IgnoreAction


def _template_item(template: Template, units: Units) -> QStandardItem:
    summary = template_summary(template, units)
    item = QStandardItem(template.name)
    item.setFlags(
        Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
    )
    item.setData(template, TEMPLATE_ROLE)
    item.setData(template.kind.value, KIND_ROLE)
    item.setData(False, IS_HEADER_ROLE)
    item.setData(summary, SUMMARY_ROLE)
    search = " ".join((template.name, template.kind.label, template.description)).casefold()
    item.setData(search, SEARCH_ROLE)
    origin = "Built in" if template.builtin else "Your own"
    item.setData(
        f"{template.name}, {template.kind.label}: {summary}. {origin}.",
        Qt.ItemDataRole.AccessibleTextRole,
    )
    item.setData(template.description, Qt.ItemDataRole.AccessibleDescriptionRole)
    tip = f"<b>{escape_html(template.name)}</b> · {escape_html(template.kind.label)}"
    tip += f"<br>{escape_html(summary)}"
    if template.description:
        tip += f"<p>{escape_html(template.description)}</p>"
    tip += f"<p style='color: gray'>{origin}. Drag onto a day, or press Enter to add it.</p>"
    item.setToolTip(f"<qt>{tip}</qt>")
    return item


class TemplateFilter(QSortFilterProxyModel):
    """Keeps the templates whose name, kind or description hold every word typed.

    A kind header stays visible while any of its templates does.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setRecursiveFilteringEnabled(True)

    def set_query(self, text: str) -> None:
        """Filter by ``text`` (case-insensitive; every word must match)."""
        words = text.casefold().split()
        if words == self._words:
            return
        self.beginFilterChange()
        self._words = words
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        """Match templates; headers only show through their templates (recursive filtering)."""
        model = self.sourceModel()
        if model is None:
            return False
        index = model.index(source_row, 0, source_parent)
        if index.data(IS_HEADER_ROLE):
            return not self._words and model.rowCount(index) > 0
        search = str(index.data(SEARCH_ROLE) or "")
        return all(word in search for word in self._words)
