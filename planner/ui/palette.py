"""The workout library as a drag source: templates grouped by kind, filterable, editable."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from PySide6.QtCore import (
    QEvent,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QDrag,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from planner.core.formatting import format_distance, format_duration, format_number
from planner.core.model import Kind, Template
from planner.core.vocabulary import KIND_ORDER
from planner.ui.controller import PlanController
from planner.ui.dialogs.template_editor import TemplateEditor
from planner.ui.mime import TEMPLATE_MIME, encode_template
from planner.ui.style import is_dark, kind_color, mix, paint_kind_badge

#: Item data roles of :class:`TemplateModel`.
TEMPLATE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
TEMPLATE_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3
IS_HEADER_ROLE = Qt.ItemDataRole.UserRole + 4
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 5
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 6


def template_summary(template: Template) -> str:
    """The defaults in one line, as the week view writes them: "35 min · 6 km · RPE 3"."""
    parts: list[str] = []
    if template.duration_min is not None:
        parts.append(format_duration(template.duration_min))
    if template.distance_km is not None:
        parts.append(format_distance(template.distance_km))
    if template.rpe is not None and not (template.kind is Kind.REST and template.rpe == 0):
        parts.append(f"RPE {format_number(template.rpe)}")
    if parts:
        return " · ".join(parts)
    return "Full rest" if template.kind is Kind.REST else "No defaults"


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

    def set_templates(self, templates: Iterable[Template]) -> None:
        """Show ``templates`` (grouped by kind, in the order given within a kind)."""
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
                header.appendRow(_template_item(template))
            root.appendRow(header)

    def template_at(self, index: QModelIndex | QPersistentModelIndex) -> Template | None:
        """The template of a row of this model, ``None`` for headers."""
        value = index.data(TEMPLATE_ROLE) if index.isValid() else None
        return value if isinstance(value, Template) else None

    def templates(self) -> list[Template]:
        """Every template shown, in display order."""
        found: list[Template] = []
        for row in range(self.rowCount()):
            header = self.index(row, 0)
            for child in range(self.rowCount(header)):
                template = self.template_at(self.index(child, 0, header))
                if template is not None:
                    found.append(template)
        return found

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


def _template_item(template: Template) -> QStandardItem:
    summary = template_summary(template)
    item = QStandardItem(template.name)
    item.setFlags(
        Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
    )
    item.setData(template.id, TEMPLATE_ID_ROLE)
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
    tip = f"<b>{html.escape(template.name)}</b> · {html.escape(template.kind.label)}"
    tip += f"<br>{html.escape(summary)}"
    if template.description:
        tip += f"<p>{html.escape(template.description)}</p>"
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


class _TemplateDelegate(QStyledItemDelegate):
    """Paints kind headers and two-line template entries with their kind badge."""

    _BADGE = 26
    _PAD = 8

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        metrics = QFontMetrics(option.font)
        if index.data(IS_HEADER_ROLE):
            top = 10 if index.row() > 0 else 4
            return QSize(100, metrics.height() + top + 6)
        small = QFontMetrics(_small_font(option.font))
        height = max(self._BADGE, metrics.height() + small.height() + 2) + 2 * self._PAD - 2
        return QSize(100, height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        palette: QPalette = opt.palette
        rect: QRect = opt.rect
        state = opt.state
        dark = is_dark(palette)
        kind = kind_of(index)
        if kind is None:
            return
        painter.save()
        if index.data(IS_HEADER_ROLE):
            self._paint_header(painter, opt, index, kind, dark)
            painter.restore()
            return
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        opt.text = ""
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)

        selected = bool(state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active
            if state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        if selected:
            text = palette.color(group, QPalette.ColorRole.HighlightedText)
            muted = mix(text, palette.color(group, QPalette.ColorRole.Highlight), 0.3)
        else:
            text = palette.color(group, QPalette.ColorRole.Text)
            muted = mix(text, palette.color(group, QPalette.ColorRole.Base), 0.42)

        x = rect.left() + self._PAD + 2
        badge = QRectF(x, rect.top() + (rect.height() - self._BADGE) / 2, self._BADGE, self._BADGE)
        paint_kind_badge(painter, badge, kind, dark=dark)
        if selected:
            # Keep the badge distinct from a highlight of a similar colour.
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(text, 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            ring = badge.adjusted(-1.5, -1.5, 1.5, 1.5)
            painter.drawRoundedRect(ring, self._BADGE * 0.3, self._BADGE * 0.3)

        left = int(badge.right()) + 10
        width = rect.right() - self._PAD - left
        font = QFont(opt.font)
        font.setWeight(QFont.Weight.DemiBold)
        small = _small_font(opt.font)
        name_metrics = QFontMetrics(font)
        small_metrics = QFontMetrics(small)
        block = name_metrics.height() + 2 + small_metrics.height()
        top = rect.top() + (rect.height() - block) // 2

        template = index.data(TEMPLATE_ROLE)
        tag = "" if not isinstance(template, Template) or template.builtin else "mine"
        tag_width = small_metrics.horizontalAdvance(tag) + 10 if tag else 0
        name = name_metrics.elidedText(
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
            Qt.TextElideMode.ElideRight,
            max(0, width - tag_width - (6 if tag else 0)),
        )
        painter.setFont(font)
        painter.setPen(text)
        name_rect = QRect(left, top, width, name_metrics.height())
        painter.drawText(
            name_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name
        )
        if tag:
            tag_left = left + name_metrics.horizontalAdvance(name) + 6
            tag_rect = QRectF(
                tag_left,
                top + (name_metrics.height() - small_metrics.height()) / 2 - 1,
                tag_width,
                small_metrics.height() + 2,
            )
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(muted, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(tag_rect.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
            painter.setFont(small)
            painter.drawText(tag_rect, Qt.AlignmentFlag.AlignCenter, tag)

        painter.setFont(small)
        painter.setPen(muted)
        summary = small_metrics.elidedText(
            str(index.data(SUMMARY_ROLE) or ""), Qt.TextElideMode.ElideRight, max(0, width)
        )
        summary_rect = QRect(left, top + name_metrics.height() + 2, width, small_metrics.height())
        painter.drawText(
            summary_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, summary
        )
        painter.restore()

    def _paint_header(
        self,
        painter: QPainter,
        opt: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        kind: Kind,
        dark: bool,
    ) -> None:
        palette: QPalette = opt.palette
        rect: QRect = opt.rect
        text_color = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
        muted = mix(text_color, palette.color(QPalette.ColorRole.Base), 0.35)
        font = QFont(opt.font)
        font.setWeight(QFont.Weight.Bold)
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        if font.pointSizeF() > 0:
            font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        metrics = QFontMetrics(font)
        baseline_rect = QRect(
            rect.left() + self._PAD + 2,
            rect.bottom() - metrics.height() - 3,
            rect.width() - 2 * self._PAD - 4,
            metrics.height(),
        )
        # A short bar of the kind colour, then the name, then the count.
        bar = QRectF(baseline_rect.left(), baseline_rect.center().y() - 1.5, 10, 3)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(kind_color(kind, dark=dark))
        painter.drawRoundedRect(bar, 1.5, 1.5)
        painter.setFont(font)
        painter.setPen(muted)
        text_rect = baseline_rect.adjusted(16, 0, 0, 0)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(text_rect, align, kind.label)
        count = index.model().rowCount(index) if index.model() is not None else 0
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(count)
        )


def _small_font(font: QFont) -> QFont:
    small = QFont(font)
    if small.pointSizeF() > 0:
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.88))
    else:
        small.setPixelSize(max(8, round(small.pixelSize() * 0.88)))
    return small


class _TemplateTree(QTreeView):
    """The list itself: a native drag source whose command keys trigger the palette's actions.

    The keys are handled here rather than as shortcuts so that they win over window-wide
    shortcuts on the same keys (the plan's Delete) while the list has focus.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workoutPaletteList")
        self.setAccessibleName("Workout library")
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(0)
        self.setItemsExpandable(False)
        self.setExpandsOnDoubleClick(False)
        self.setUniformRowHeights(False)
        self.setAnimated(False)
        self.setMouseTracking(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setItemDelegate(_TemplateDelegate(self))
        self.setFrameShape(QTreeView.Shape.NoFrame)
        self.placeholder = ""
        self.key_actions: dict[Qt.Key, QAction] = {}

    def event(self, event: QEvent) -> bool:
        """Claim our command keys before window shortcuts (e.g. the plan's Delete) see them."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if event.key() in self.key_actions and plain == Qt.KeyboardModifier.NoModifier:
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter adds, Insert creates, F2 edits, Delete deletes."""
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain == Qt.KeyboardModifier.NoModifier:
            action = self.key_actions.get(Qt.Key(event.key()))
            if action is not None:
                action.trigger()
                event.accept()
                return
        super().keyPressEvent(event)

    def startDrag(self, supportedActions: Qt.DropAction) -> None:  # noqa: N803 (Qt's name)
        """Drag the pressed entry as a copy, showing a small card of it under the pointer."""
        model = self.model()
        indexes = [i for i in self.selectedIndexes() if i.flags() & Qt.ItemFlag.ItemIsDragEnabled]
        if model is None or not indexes:
            return
        data = model.mimeData(indexes)
        if not data.formats():
            return
        drag = QDrag(self)
        drag.setMimeData(data)
        pixmap = self._drag_pixmap(indexes[0])
        drag.setPixmap(pixmap)
        drag.setHotSpot(QPoint(18, round(pixmap.height() / pixmap.devicePixelRatio() / 2)))
        drag.exec(Qt.DropAction.CopyAction, Qt.DropAction.CopyAction)

    def _drag_pixmap(self, index: QModelIndex) -> QPixmap:
        kind = kind_of(index) or Kind.RUN
        name = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        summary = str(index.data(SUMMARY_ROLE) or "")
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold)
        small = _small_font(self.font())
        name_metrics, small_metrics = QFontMetrics(font), QFontMetrics(small)
        width = min(
            280,
            max(name_metrics.horizontalAdvance(name), small_metrics.horizontalAdvance(summary))
            + 58,
        )
        height = name_metrics.height() + small_metrics.height() + 16
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(round(width * ratio), round(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        palette = self.palette()
        dark = is_dark(palette)
        color = kind_color(kind, dark=dark)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(0.5, 0.5, width - 1.0, height - 1.0)
        painter.setPen(QPen(color, 1.5))
        painter.setBrush(mix(palette.color(QPalette.ColorRole.Base), color, 0.08))
        painter.drawRoundedRect(card, 6, 6)
        badge = QRectF(8, (height - 26) / 2, 26, 26)
        paint_kind_badge(painter, badge, kind, dark=dark)
        text = palette.color(QPalette.ColorRole.Text)
        left = 42
        painter.setFont(font)
        painter.setPen(text)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(
            QRect(left, 7, width - left - 8, name_metrics.height()),
            align,
            name_metrics.elidedText(name, Qt.TextElideMode.ElideRight, width - left - 8),
        )
        painter.setFont(small)
        painter.setPen(mix(text, palette.color(QPalette.ColorRole.Base), 0.4))
        painter.drawText(
            QRect(left, 8 + name_metrics.height(), width - left - 8, small_metrics.height()),
            align,
            small_metrics.elidedText(summary, Qt.TextElideMode.ElideRight, width - left - 8),
        )
        painter.end()
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        """The entries, or a hint when the filter hides them all."""
        super().paintEvent(event)
        model = self.model()
        if self.placeholder and (model is None or model.rowCount() == 0):
            painter = QPainter(self.viewport())
            color = QColor(self.palette().color(QPalette.ColorRole.Text))
            painter.setPen(mix(color, self.palette().color(QPalette.ColorRole.Base), 0.45))
            rect = self.viewport().rect().adjusted(12, 16, -12, -12)
            painter.drawText(
                rect,
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
                | int(Qt.TextFlag.TextWordWrap),
                self.placeholder,
            )
            painter.end()


class WorkoutPalette(QWidget):
    """The workout library: drag an entry onto a day, or press Enter to add it.

    Templates are grouped by kind and show their colour badge and letter, name and
    defaults. Built-in entries can be duplicated but not edited or deleted; the runner's
    own can be edited and deleted (after a confirmation). Every change goes through the
    :class:`PlanController`.

    Args:
        controller: the plan controller (library reads and edits).
        parent: the parent widget.

    Signals:
        template_activated(int): the runner asked to add this template (Enter, double
            click, or "Add to selected day"); the main window adds it to the selected day.
    """

    template_activated = Signal(int)

    def __init__(self, controller: PlanController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workoutPalette")
        self.setAccessibleName("workoutPalette")
        self.setAccessibleDescription("The workout library: drag an entry onto a day.")
        self.setMinimumWidth(220)
        self._controller = controller
        self._pending_delete: int | None = None
        self._editor: TemplateEditor | None = None
        self._confirm: QMessageBox | None = None

        self._filter = QLineEdit(self)
        self._filter.setObjectName("workoutPaletteFilter")
        self._filter.setAccessibleName("Filter the workout library")
        self._filter.setPlaceholderText("Filter workouts  (Ctrl+F)")
        self._filter.setClearButtonEnabled(True)
        self._filter.installEventFilter(self)

        self._model = TemplateModel(self)
        self._proxy = TemplateFilter(self)
        self._proxy.setSourceModel(self._model)
        self._view = _TemplateTree(self)
        self._view.setModel(self._proxy)

        self._build_actions()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(4)
        self._new_button = self._tool_button(self._new_action)
        self._edit_button = self._tool_button(self._edit_action)
        self._delete_button = self._tool_button(self._delete_action)
        for button in (self._new_button, self._edit_button, self._delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self._filter)
        layout.addWidget(self._view, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self._view)

        self._filter.textChanged.connect(self._on_filter_changed)
        self._view.key_actions = {
            Qt.Key.Key_Return: self._add_action,
            Qt.Key.Key_Enter: self._add_action,
            Qt.Key.Key_Insert: self._new_action,
            Qt.Key.Key_F2: self._edit_or_duplicate_action,
            Qt.Key.Key_Delete: self._delete_action,
        }
        self._view.doubleClicked.connect(self._on_double_clicked)
        self._view.customContextMenuRequested.connect(self._show_context_menu)
        selection = self._view.selectionModel()
        selection.currentChanged.connect(self._on_current_changed)
        controller.templates_changed.connect(self.refresh)
        self.refresh()

    # -- construction ----------------------------------------------------------------------
    def _build_actions(self) -> None:
        def action(text: str, icon_text: str, keys: str, slot: object) -> QAction:
            item = QAction(text + (f"\t{keys}" if keys else ""), self)
            item.setIconText(icon_text)
            item.setToolTip(f"{text.replace('&', '')} ({keys})" if keys else text)
            item.triggered.connect(slot)
            return item

        self._add_action = action("&Add to selected day", "Add", "Enter", self.activate_current)
        self._new_action = action("&New template…", "New…", "Ins", self.new_template)
        self._edit_action = action("&Edit template…", "Edit…", "F2", self.edit_current)
        self._duplicate_action = action(
            "D&uplicate as my own…", "Duplicate…", "F2", self.duplicate_current
        )
        self._delete_action = action("&Delete template", "Delete", "Del", self.delete_current)
        # F2 edits the runner's own entries and offers a duplicate of built-in ones.
        self._edit_or_duplicate_action = action("Edit", "Edit", "", self.edit_current)
        focus_filter = QAction("Filter the library", self)
        focus_filter.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        focus_filter.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        focus_filter.triggered.connect(self.focus_filter)
        self.addAction(focus_filter)
        self._focus_filter_action = focus_filter

    def _tool_button(self, action: QAction) -> QToolButton:
        button = QToolButton(self)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setDefaultAction(action)
        button.setAutoRaise(False)
        return button

    # -- public API ------------------------------------------------------------------------
    def view(self) -> QTreeView:
        """The list view (the drag source)."""
        return self._view

    def model(self) -> TemplateModel:
        """The source model: headers and templates, with the drag MIME data."""
        return self._model

    def filter_edit(self) -> QLineEdit:
        """The filter line edit."""
        return self._filter

    def shown_templates(self) -> list[Template]:
        """The templates the list shows now (after filtering), in display order."""
        found: list[Template] = []
        for row in range(self._proxy.rowCount()):
            header = self._proxy.index(row, 0)
            for child in range(self._proxy.rowCount(header)):
                index = self._proxy.mapToSource(self._proxy.index(child, 0, header))
                template = self._model.template_at(index)
                if template is not None:
                    found.append(template)
        return found

    def shown_groups(self) -> list[Kind]:
        """The kind headers shown now, top to bottom."""
        kinds: list[Kind] = []
        for row in range(self._proxy.rowCount()):
            kind = kind_of(self._proxy.index(row, 0))
            if kind is not None:
                kinds.append(kind)
        return kinds

    def set_filter(self, text: str) -> None:
        """Filter the list as if ``text`` were typed."""
        self._filter.setText(text)

    def current_template(self) -> Template | None:
        """The selected template, if any."""
        return self._model.template_at(self._proxy.mapToSource(self._view.currentIndex()))

    def select_template(self, template_id: int) -> bool:
        """Select (and scroll to) a template; ``False`` when it is not shown."""
        index = self._proxy.mapFromSource(self._model.index_of(template_id=template_id))
        if not index.isValid():
            return False
        self._view.setCurrentIndex(index)
        self._view.scrollTo(index)
        return True

    def template_rect(self, name: str) -> QRect:
        """Where the entry ``name`` is, in this widget's coordinates (scrolled into view).

        Returns an empty rectangle when there is no such entry or the filter hides it.
        """
        index = self._proxy.mapFromSource(self._model.index_of(name=name))
        if not index.isValid():
            return QRect()
        self._view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        rect = self._view.visualRect(index).intersected(self._view.viewport().rect())
        if rect.isEmpty():
            return QRect()
        return QRect(self._view.viewport().mapTo(self, rect.topLeft()), rect.size())

    @Slot()
    def refresh(self) -> None:
        """Reload the library from the controller, keeping the selection and filter."""
        current = self.current_template()
        keep = current.id if current is not None else None
        self._model.set_templates(self._controller.templates())
        self._view.expandAll()
        if keep is not None:
            self.select_template(keep)
        self._update_actions()
        self._update_placeholder()

    @Slot()
    def focus_filter(self) -> None:
        """Put the cursor in the filter, its text selected."""
        self._filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._filter.selectAll()

    @Slot()
    def activate_current(self) -> None:
        """Ask for the selected template to be added (emits :attr:`template_activated`)."""
        template = self.current_template()
        if template is not None and template.id is not None:
            self.template_activated.emit(template.id)

    @Slot()
    def new_template(self) -> None:
        """Open the editor for a new library entry of the selected kind."""
        current = self.current_template()
        kind = current.kind if current is not None else Kind.RUN
        defaults = {
            Kind.RUN: Template(None, "", Kind.RUN, 30, 5.0, 3),
            Kind.HIIT: Template(None, "", Kind.HIIT, 25, None, 8),
            Kind.STRENGTH: Template(None, "", Kind.STRENGTH, 30, None, 6),
            Kind.REST: Template(None, "", Kind.REST, None, None, 0),
        }
        self._open_editor(defaults[kind], "New template")

    @Slot()
    def edit_current(self) -> None:
        """Edit the selected entry (a built-in one is offered as a duplicate instead)."""
        template = self.current_template()
        if template is None:
            return
        if template.builtin:
            self.duplicate_current()
            return
        self._open_editor(template, f"Edit template {template.name}")

    @Slot()
    def duplicate_current(self) -> None:
        """Open the editor on a copy of the selected entry, to save as the runner's own."""
        template = self.current_template()
        if template is None:
            return
        copy = template.replace(id=None, builtin=False, name=self._unique_name(template.name))
        self._open_editor(copy, "Duplicate as my own")

    @Slot()
    def delete_current(self) -> None:
        """Ask, then delete the selected entry (the runner's own only)."""
        template = self.current_template()
        if template is None or template.id is None or template.builtin:
            return
        self._pending_delete = template.id
        box = QMessageBox(self)
        box.setObjectName("confirmDeleteTemplate")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Delete template")
        box.setText(f"Delete “{template.name}” from the library?")
        box.setInformativeText("Workouts already planned from it stay in your plan.")
        delete = box.addButton("&Delete", QMessageBox.ButtonRole.DestructiveRole)
        delete.setObjectName("confirmDelete")
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(delete)
        box.setEscapeButton(cancel)
        box.buttonClicked.connect(self._on_confirm_clicked)
        box.finished.connect(box.deleteLater)
        self._confirm = box
        box.open()

    # -- dialogs ---------------------------------------------------------------------------
    def _open_editor(self, template: Template, title: str) -> None:
        names = [t.name for t in self._controller.templates()]
        editor = TemplateEditor(template, self, title=title, existing_names=names)
        editor.accepted.connect(self._on_editor_accepted)
        editor.finished.connect(editor.deleteLater)
        self._editor = editor
        editor.open()

    def _unique_name(self, name: str) -> str:
        taken = {t.name.casefold() for t in self._controller.templates()}
        candidate = f"{name} (mine)"
        number = 2
        while candidate.casefold() in taken:
            candidate = f"{name} (mine {number})"
            number += 1
        return candidate

    @Slot()
    def _on_editor_accepted(self) -> None:
        editor = self.sender()
        if not isinstance(editor, TemplateEditor):
            return
        saved = self._controller.save_template(editor.template())
        if saved is None or saved.id is None:
            return
        self.select_template(saved.id)
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(QPushButton)
    def _on_confirm_clicked(self, button: QPushButton) -> None:
        box = self.sender()
        template_id, self._pending_delete = self._pending_delete, None
        if not isinstance(box, QMessageBox) or template_id is None:
            return
        if box.buttonRole(button) is not QMessageBox.ButtonRole.DestructiveRole:
            return
        self._controller.delete_template(template_id)

    # -- reactions -------------------------------------------------------------------------
    @Slot(str)
    def _on_filter_changed(self, text: str) -> None:
        self._proxy.set_query(text)
        self._view.expandAll()
        self._update_placeholder()
        self._update_actions()

    def _update_placeholder(self) -> None:
        text = self._filter.text().strip()
        if self._proxy.rowCount() == 0:
            self._view.placeholder = (
                f"No workouts match “{text}”." if text else "The library is empty."
            )
        else:
            self._view.placeholder = ""
        self._view.viewport().update()

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        template = self._model.template_at(self._proxy.mapToSource(index))
        if template is not None and template.id is not None:
            self.template_activated.emit(template.id)

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        template = self.current_template()
        own = template is not None and not template.builtin
        builtin = template is not None and template.builtin
        self._add_action.setEnabled(template is not None)
        self._edit_or_duplicate_action.setEnabled(template is not None)
        self._edit_action.setEnabled(own)
        self._duplicate_action.setEnabled(template is not None)
        self._delete_action.setEnabled(own)
        wanted = self._duplicate_action if builtin else self._edit_action
        if self._edit_button.defaultAction() is not wanted:
            # A tool button with more than one action shows a menu arrow: keep only one.
            for old in self._edit_button.actions():
                self._edit_button.removeAction(old)
            self._edit_button.setDefaultAction(wanted)
        why = "Built-in entries cannot be deleted." if builtin else "Delete the selected template"
        self._delete_button.setToolTip(f"{why} (Del)" if own else why)

    @Slot(QPoint)
    def _show_context_menu(self, pos: QPoint) -> None:
        index = self._view.indexAt(pos)
        if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsSelectable:
            self._view.setCurrentIndex(index)
        template = self.current_template() if index.isValid() else None
        menu = QMenu(self)
        menu.setObjectName("workoutPaletteMenu")
        if template is not None:
            menu.addAction(self._add_action)
            menu.addSeparator()
        menu.addAction(self._new_action)
        if template is not None:
            menu.addAction(self._duplicate_action if template.builtin else self._edit_action)
            if template.builtin:
                menu.addAction(self._delete_action)
            else:
                menu.addAction(self._duplicate_action)
                menu.addAction(self._delete_action)
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self._view.viewport().mapToGlobal(pos))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the filter: Down or Enter goes to the list, Esc clears the text."""
        if watched is self._filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._focus_first_match()
                return True
            if key == Qt.Key.Key_Escape and self._filter.text():
                self._filter.clear()
                return True
        return super().eventFilter(watched, event)

    def _focus_first_match(self) -> None:
        current = self._view.currentIndex()
        if not (current.isValid() and self._view.selectionModel().isSelected(current)):
            shown = self.shown_templates()
            if shown and shown[0].id is not None:
                self.select_template(shown[0].id)
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)
