"""The workout library dock: a filter line, the grouped list (a drag source), and its buttons."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    Slot,
)
from PySide6.QtGui import QAction, QColor, QDrag, QKeyEvent, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from planner.core.model import ChangeSet, Kind, Template
from planner.ui.controller import PlanController
from planner.ui.first_paint import after_first_paint
from planner.ui.library.delegate import TemplateDelegate, drag_card
from planner.ui.library.editing import TemplateActions
from planner.ui.library.model import SUMMARY_ROLE, TemplateFilter, TemplateModel, kind_of
from planner.ui.style import mix
from planner.ui.view_state import ViewState


class _TemplateTree(QTreeView):
    """The list itself: a native drag source whose command keys trigger the library's actions.

    The keys are handled here rather than as shortcuts so that they win over window-wide
    shortcuts on the same keys (the plan's Delete) while the list has focus.

    Attributes:
        placeholder: what the list says when it shows nothing.
        key_actions: the action each plain key triggers.
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
        self.setItemDelegate(TemplateDelegate(self))
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

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        """Scroll so that ``index`` is shown, and for EnsureVisible shown whole.

        WORKAROUND: scrolling per pixel, QTreeView brings an entry below the view up to
        ``rect.bottom() - area.height()``, one pixel short (``QRect.bottom()`` is the last
        pixel *inside*): the last entry stayed cut off by its bottom row (Qt 6.x).
        """
        super().scrollTo(index, hint)
        if hint != QAbstractItemView.ScrollHint.EnsureVisible:
            return
        rect, area = self.visualRect(index), self.viewport().rect()
        if rect.height() <= area.height() and rect.bottom() > area.bottom():
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + rect.bottom() - area.bottom())

    def startDrag(self, supportedActions: Qt.DropAction) -> None:  # noqa: N803 (Qt's name)
        """Drag the pressed entry as a copy, showing a small card of it under the pointer."""
        model = self.model()
        indexes = [i for i in self.selectedIndexes() if i.flags() & Qt.ItemFlag.ItemIsDragEnabled]
        if model is None or not indexes:
            return
        data = model.mimeData(indexes)
        if not data.formats():
            return
        index = indexes[0]
        pixmap = drag_card(
            kind_of(index) or Kind.RUN,
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
            str(index.data(SUMMARY_ROLE) or ""),
            self.font(),
            self.palette(),
            self.devicePixelRatioF(),
        )
        drag = QDrag(self)
        drag.setMimeData(data)
        drag.setPixmap(pixmap)
        drag.setHotSpot(QPoint(18, round(pixmap.height() / pixmap.devicePixelRatio() / 2)))
        drag.exec(Qt.DropAction.CopyAction, Qt.DropAction.CopyAction)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The entries, or a hint when the filter hides them all."""
        super().paintEvent(event)
        model = self.model()
        if self.placeholder and (model is None or model.rowCount() == 0):
            palette = self.palette()
            painter = QPainter(self.viewport())
            color = QColor(palette.color(palette.ColorRole.Text))
            painter.setPen(mix(color, palette.color(palette.ColorRole.Base), 0.45))
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

    Templates are grouped by kind and show their colour badge and letter, name and defaults
    in the runner's units. Enter (or a double click) adds the selected entry to the day
    selected in the :class:`ViewState`. Every change goes through the
    :class:`PlanController`; the list follows every change of the library and of the units.

    Args:
        controller: the plan controller (library reads and edits).
        state: the view state (the selected day entries are added to).
        parent: the parent widget.

    Attributes:
        template_actions: add, new, edit, duplicate and delete.
        focus_filter_action: puts the cursor in the filter (Ctrl+F in the library).
    """

    def __init__(
        self, controller: PlanController, state: ViewState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workoutPalette")
        self.setAccessibleName("workoutPalette")
        self.setAccessibleDescription("The workout library: drag an entry onto a day.")
        self.setMinimumWidth(220)
        self._controller = controller

        self._filter = QLineEdit(self)
        self._filter.setObjectName("workoutPaletteFilter")
        self._filter.setAccessibleName("Filter the workout library")
        self._filter.setPlaceholderText("Filter workouts  (Ctrl+F)")
        # its button shows only over text, and making it loads the style's icon: later
        after_first_paint(self, partial(self._filter.setClearButtonEnabled, True))
        self._filter.installEventFilter(self)

        self._model = TemplateModel(self)
        self._proxy = TemplateFilter(self)
        self._proxy.setSourceModel(self._model)
        self._view = _TemplateTree(self)
        self._view.setModel(self._proxy)

        actions = TemplateActions(controller, state, self.current_template, self)
        self.template_actions = actions
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(4)
        self._edit_button = self._tool_button(actions.edit)
        for button in (
            self._tool_button(actions.new),
            self._edit_button,
            self._tool_button(actions.delete),
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addWidget(self._filter)
        layout.addWidget(self._view, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self._view)

        focus_filter = QAction("Filter the library", self)
        focus_filter.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        focus_filter.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        focus_filter.triggered.connect(self.focus_filter)
        self.addAction(focus_filter)
        self.focus_filter_action = focus_filter

        self._view.key_actions = {
            Qt.Key.Key_Return: actions.add,
            Qt.Key.Key_Enter: actions.add,
            Qt.Key.Key_Insert: actions.new,
            Qt.Key.Key_F2: actions.edit_or_duplicate,
            Qt.Key.Key_Delete: actions.delete,
        }
        self._filter.textChanged.connect(self._on_filter_changed)
        self._view.doubleClicked.connect(self._on_double_clicked)
        self._view.customContextMenuRequested.connect(self.show_context_menu)
        self._view.selectionModel().currentChanged.connect(self._on_current_changed)
        actions.saved.connect(self._on_saved)
        controller.plan_changed.connect(self._on_plan_changed)
        self.refresh()

    def _tool_button(self, action: QAction) -> QToolButton:
        button = QToolButton(self)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setDefaultAction(action)
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
        kinds = (kind_of(self._proxy.index(row, 0)) for row in range(self._proxy.rowCount()))
        return [kind for kind in kinds if kind is not None]

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
        self._model.set_templates(self._controller.templates(), self._controller.settings.units)
        self._view.expandAll()
        if current is not None and current.id is not None:
            self.select_template(current.id)
        self._update_actions()
        self._update_placeholder()

    @Slot()
    def focus_filter(self) -> None:
        """Put the cursor in the filter, its text selected."""
        self._filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._filter.selectAll()

    @Slot(QPoint)
    def show_context_menu(self, pos: QPoint) -> None:
        """The library's menu at ``pos`` in the list's viewport, for the entry there."""
        index = self._view.indexAt(pos)
        if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsSelectable:
            self._view.setCurrentIndex(index)
        template = self.current_template() if index.isValid() else None
        actions = self.template_actions
        menu = QMenu(self)
        menu.setObjectName("workoutPaletteMenu")
        if template is not None:
            menu.addAction(actions.add)
            menu.addSeparator()
        menu.addAction(actions.new)
        if template is not None:
            menu.addAction(actions.duplicate if template.builtin else actions.edit)
            menu.addAction(actions.delete if template.builtin else actions.duplicate)
            if not template.builtin:
                menu.addAction(actions.delete)
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self._view.viewport().mapToGlobal(pos))

    # -- reactions -------------------------------------------------------------------------
    @Slot(object)
    def _on_plan_changed(self, change: ChangeSet) -> None:
        if change.touches_templates or change.touches_settings:
            self.refresh()

    @Slot(int)
    def _on_saved(self, template_id: int) -> None:
        self.select_template(template_id)
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(str)
    def _on_filter_changed(self, text: str) -> None:
        self._proxy.set_query(text)
        self._view.expandAll()
        self._update_placeholder()
        self._update_actions()

    def _update_placeholder(self) -> None:
        text = self._filter.text().strip()
        if self._proxy.rowCount() == 0:
            placeholder = f"No workouts match “{text}”." if text else "The library is empty."
        else:
            placeholder = ""
        if placeholder != self._view.placeholder:
            self._view.placeholder = placeholder
            # only then: PySide answers the first viewport() by building the Python types
            # of some 25 widget classes it might be (55 enums, ~10 ms at start-up)
            self._view.viewport().update()

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        if self._model.template_at(self._proxy.mapToSource(index)) is not None:
            self.template_actions.add_current()

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        actions = self.template_actions
        actions.update_enabled()
        template = self.current_template()
        wanted = actions.duplicate if template is not None and template.builtin else actions.edit
        if self._edit_button.defaultAction() is not wanted:
            # A tool button with more than one action shows a menu arrow: keep only one.
            for old in self._edit_button.actions():
                self._edit_button.removeAction(old)
            self._edit_button.setDefaultAction(wanted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the filter: Down or Enter goes to the list, Esc clears the text."""
        # getattr: while this widget's Python side is being freed, Qt may still filter events
        if watched is getattr(self, "_filter", None) and event.type() == QEvent.Type.KeyPress:
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
