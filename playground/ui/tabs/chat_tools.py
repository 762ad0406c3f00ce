"""The chat's tools menu (`toolsButton`): OpenAI's built-in tools for the conversation — web
search, code interpreter, image generation — with their settings, and the remote MCP servers
(`mcpServersButton`). Saved with the conversation as part of the reply options.

Off (with a tooltip saying why) when the request goes to Chat Completions or the model is
not one the Responses API serves: the tools run only there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QInputDialog, QMenu, QToolButton, QWidget

from playground.model.types import HostedTools, RemoteMcpServer
from playground.ui.async_slot import async_slot

if TYPE_CHECKING:
    from playground.services import Services


class ToolsButton(QToolButton):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolsButton")
        self.setAccessibleName(self.tr("Built-in tools"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._tools = HostedTools()
        self._api_ok = True
        self._model = ""
        self.open_local_servers: Callable[[], object] | None = None  # set by the chat tab
        self.services: Services | None = None  # set by the chat tab (the store picker)
        menu = QMenu(self)
        menu.setObjectName("toolsMenu")
        self.web_search = self._toggle(menu, "webSearchToggle", self.tr("Web search"),
                                       self.tr("Search the web and cite the sources"))
        self.code_interpreter = self._toggle(
            menu, "codeInterpreterToggle", self.tr("Code interpreter"),
            self.tr("Run Python in a sandbox OpenAI hosts (billed per session)"))
        self.image_generation = self._toggle(
            menu, "imageGenerationToggle", self.tr("Image generation"),
            self.tr("Let the model make images in the reply"))
        self.file_search = menu.addAction(self.tr("File search…"), self._choose_stores)
        self.file_search.setObjectName("fileSearchToggle")
        self.file_search.setCheckable(True)
        self.file_search.setToolTip(self.tr("Search your vector stores and cite the files"))
        menu.addSeparator()
        self.context = self._choices(menu, "searchContextMenu", self.tr("Search context"), [
            (self.tr("Low"), "low"), (self.tr("Medium"), "medium"), (self.tr("High"), "high")],
            "search_context_size")
        self.location = menu.addAction(self.tr("Search location…"), self._ask_location)
        self.location.setObjectName("searchLocationAction")
        self.sizes = self._choices(menu, "imageSizeMenu", self.tr("Image size"), [
            (self.tr("Automatic"), "auto"), ("1024×1024", "1024x1024"),
            ("1024×1536", "1024x1536"), ("1536×1024", "1536x1024")], "image_size")
        self.qualities = self._choices(menu, "imageQualityMenu", self.tr("Image quality"), [
            (self.tr("Automatic"), "auto"), (self.tr("Low"), "low"),
            (self.tr("Medium"), "medium"), (self.tr("High"), "high")], "image_quality")
        self.previews = self._choices(menu, "partialImagesMenu", self.tr("Image previews"), [
            (self.tr("None"), 0), ("1", 1), ("2", 2), ("3", 3)], "partial_images")
        menu.addSeparator()
        self.mcp_servers = menu.addAction(self.tr("MCP servers…"), self.open_mcp_servers)
        self.mcp_servers.setObjectName("mcpServersButton")
        self.setMenu(menu)
        self._show()

    def _toggle(self, menu: QMenu, name: str, text: str, tip: str) -> QAction:
        action = menu.addAction(text)
        action.setObjectName(name)
        action.setCheckable(True)
        action.setToolTip(tip)
        action.toggled.connect(self._on_toggled)
        return action

    def _choices(self, menu: QMenu, name: str, title: str, items: list[tuple[str, object]],
                 field: str) -> QActionGroup:
        sub = menu.addMenu(title)
        sub.setObjectName(name)
        group = QActionGroup(sub)
        for text, value in items:
            action = sub.addAction(text)
            action.setCheckable(True)
            action.setData(value)
            group.addAction(action)
        group.triggered.connect(
            lambda action, f=field: self._set(**{f: action.data()}))
        return group

    # ---------------------------------------------------------------- state
    def hosted_tools(self) -> HostedTools:
        return self._tools

    def restore(self, tools: HostedTools) -> None:
        self._tools = tools
        self._show()

    def set_api(self, responses: bool) -> None:
        """False: the request goes to Chat Completions, which has no hosted tools."""
        self._api_ok = responses
        self._show()

    def set_model(self, name: str) -> None:
        self._model = name.strip()
        self._show()

    def _set(self, **fields: object) -> None:
        self._tools = replace(self._tools, **fields)  # type: ignore[arg-type]
        self._show()
        self.changed.emit()

    def set_servers(self, servers: tuple[RemoteMcpServer, ...]) -> None:
        self._set(mcp_servers=tuple(servers))

    def _on_toggled(self) -> None:
        self._set(web_search=self.web_search.isChecked(),
                  code_interpreter=self.code_interpreter.isChecked(),
                  image_generation=self.image_generation.isChecked())

    def _show(self) -> None:
        tools = self._tools
        for action, on in ((self.web_search, tools.web_search),
                           (self.code_interpreter, tools.code_interpreter),
                           (self.image_generation, tools.image_generation),
                           (self.file_search, bool(tools.vector_store_ids))):
            action.blockSignals(True)
            action.setChecked(on)
            action.blockSignals(False)
        for group, value in ((self.context, tools.search_context_size),
                             (self.sizes, tools.image_size),
                             (self.qualities, tools.image_quality),
                             (self.previews, tools.partial_images)):
            for action in group.actions():
                action.setChecked(action.data() == value)
        self.context.setEnabled(tools.web_search)
        self.location.setEnabled(tools.web_search)
        for group in (self.sizes, self.qualities, self.previews):
            group.setEnabled(tools.image_generation)
        count = sum((tools.web_search, tools.code_interpreter, tools.image_generation,
                     bool(tools.vector_store_ids))) + len(tools.mcp_servers)
        self.file_search.setText(self.tr("File search (%1 stores)…").replace(
            "%1", str(len(tools.vector_store_ids))) if tools.vector_store_ids
            else self.tr("File search…"))
        self.setText(self.tr("Tools (%1)").replace("%1", str(count)) if count
                     else self.tr("Tools"))
        self.mcp_servers.setText(self.tr("MCP servers (%1)…").replace(
            "%1", str(len(tools.mcp_servers))) if tools.mcp_servers else self.tr("MCP servers…"))
        if not self._api_ok:
            why = self.tr("Built-in tools need the Responses API: choose Automatic or "
                          "Responses under Reply ▸ API.")
        elif self._model and not _supports_tools(self._model):
            why = self.tr("%1 cannot use built-in tools: they need a model the Responses "
                          "API serves.").replace("%1", self._model)
        else:
            why = ""
        self.setEnabled(not why)
        self.setToolTip(why or self.tr("Web search, code interpreter, image generation and "
                                       "remote MCP servers, run by OpenAI"))

    # ---------------------------------------------------------------- dialogs
    def _choose_stores(self) -> None:
        """The vector stores file search uses (none chosen: file search is off)."""
        self._pick_stores()

    @async_slot()
    async def _pick_stores(self) -> None:
        from playground.ui.vector_store_picker import choose_vector_stores

        self._show()  # the toggle shows the state, not the click, until the choice is made
        if self.services is None:
            return
        chosen = await choose_vector_stores(self.window(), self.services,
                                            list(self._tools.vector_store_ids))
        if chosen is not None:
            self._set(vector_store_ids=tuple(chosen))

    def open_mcp_servers(self) -> QWidget:
        from playground.ui.remote_mcp_dialog import open_remote_mcp

        return open_remote_mcp(self.window(), self._tools.mcp_servers, self.set_servers,
                               open_local=self.open_local_servers)

    def _ask_location(self) -> None:
        tools = self._tools
        dialog = QInputDialog(self.window())
        dialog.setObjectName("searchLocationDialog")
        dialog.setWindowTitle(self.tr("Search location"))
        dialog.setLabelText(self.tr("Where results should be local to, as “country code, city, "
                                    "region, timezone” (all optional; empty: not sent):"))
        dialog.setTextValue(", ".join(v for v in (tools.location_country, tools.location_city,
                                                  tools.location_region,
                                                  tools.location_timezone)))
        dialog.textValueSelected.connect(self.set_location)
        dialog.open()

    def set_location(self, text: str) -> None:
        parts = [p.strip() for p in text.split(",")] + ["", "", "", ""]
        country = parts[0].upper() if len(parts[0]) == 2 else ""
        self._set(location_country=country, location_city=parts[1],
                  location_region=parts[2], location_timezone=parts[3])


def _supports_tools(model: str) -> bool:
    # Imported on use: the model catalog loads after the first paint, and this button is
    # part of that paint.
    from playground.model.capabilities import supports_hosted_tools

    return supports_hosted_tools(model)
