# mypy: disable-error-code="misc"
# (a mixin typed by `self: WelcomeDialog`: mypy cannot see WelcomeDialog derives from it)
"""The welcome dialog's two pages: what to connect to (OpenAI, a relay, a local server), then
its details (key, base URL, the servers found on this machine)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from playground.ui.welcome import WelcomeDialog

OPENAI, RELAY, LOCAL = "openai", "relay", "local"  # what the user connects to


def _tr(text: str) -> str:
    return QCoreApplication.translate("WelcomeDialog", text)  # the tab's catalog context


class WelcomePages:
    """Mixed into WelcomeDialog."""


    # ------------------------------------------------------------------ pages
    def _button(self: WelcomeDialog, name: str, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setAutoDefault(False)
        return button

    def _build_choice_page(self: WelcomeDialog) -> QWidget:
        page = QWidget()
        page.setObjectName("welcomeChoicePage")
        intro = QLabel(_tr(
            "<h3>Let's connect to a model</h3>How do you want to send requests? "
            "You can add more profiles later under <i>Profiles…</i>."))
        intro.setWordWrap(True)
        self.choices = QButtonGroup(page)
        column = QVBoxLayout(page)
        column.addWidget(intro)
        options = (
            (OPENAI, _tr("I have an OpenAI API key"),
             _tr("Requests go to api.openai.com. The key is kept in your system keyring.")),
            (RELAY, _tr("A relay or another OpenAI-compatible service"),
             _tr("Any base URL that speaks the OpenAI API, with its own key if it "
                     "needs one.")),
            (LOCAL, _tr("A server on this computer"),
             _tr("Ollama, LM Studio, llama.cpp, vLLM and similar; no key needed.")),
        )
        for kind, title, detail in options:
            radio = QRadioButton(title)
            radio.setObjectName(f"welcomeChoice{kind.capitalize()}")
            radio.setAccessibleName(title)
            radio.setProperty("choice", kind)
            self.choices.addButton(radio)
            note = QLabel(detail)
            note.setWordWrap(True)
            note.setIndent(24)
            note.setEnabled(False)  # greyed: a description, not a control
            column.addWidget(radio)
            column.addWidget(note)
        self.choices.buttons()[0].setChecked(True)
        self.found_label = QLabel()
        self.found_label.setObjectName("welcomeFoundLabel")
        self.found_label.setWordWrap(True)
        column.addSpacing(8)
        column.addWidget(self.found_label)
        column.addStretch(1)
        return page

    def _build_details_page(self: WelcomeDialog) -> QWidget:
        page = QWidget()
        page.setObjectName("welcomeDetailsPage")
        self.details_intro = QLabel()
        self.details_intro.setObjectName("welcomeDetailsIntro")
        self.details_intro.setWordWrap(True)
        self.details_intro.setOpenExternalLinks(True)
        self.details_intro.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction)

        self.name_input = self._line("welcomeProfileName", _tr("Profile name"))
        self.base_url_input = self._line("welcomeBaseUrlInput", _tr("Base URL"))
        self.base_url_input.setPlaceholderText("https://example.com/v1")

        self.server_picker = QComboBox()
        self.server_picker.setObjectName("welcomeServerPicker")
        self.server_picker.setAccessibleName(_tr("Local server"))
        self.rescan_button = self._button("welcomeRescanButton", _tr("Search again"))
        servers = QHBoxLayout()
        servers.setContentsMargins(0, 0, 0, 0)
        servers.addWidget(self.server_picker, 1)
        servers.addWidget(self.rescan_button)
        self.server_row = QWidget()
        self.server_row.setLayout(servers)
        self.model_picker = QComboBox()
        self.model_picker.setObjectName("welcomeModelPicker")
        self.model_picker.setAccessibleName(_tr("Chat model"))
        self.model_picker.setEditable(True)

        self.key_input = self._line("welcomeKeyInput", _tr("API key"))
        self.key_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_input.setPlaceholderText("sk-…")
        self.import_row = QWidget()
        self.import_row.setObjectName("welcomeImportRow")
        QVBoxLayout(self.import_row).setContentsMargins(0, 0, 0, 0)
        self.proxy_input = self._line("welcomeProxyInput", _tr("Proxy"))
        self.proxy_input.setPlaceholderText(_tr("optional, e.g. socks5://127.0.0.1:1080"))
        self.test_button = self._button("welcomeTestButton", _tr("Test connection"))

        self.form = QFormLayout()
        self.form.addRow(_tr("Profile name:"), self.name_input)
        self.form.addRow(_tr("Base URL:"), self.base_url_input)
        self.form.addRow(_tr("Server:"), self.server_row)
        self.form.addRow(_tr("Chat model:"), self.model_picker)
        self.form.addRow(_tr("API key:"), self.key_input)
        self.form.addRow("", self.import_row)
        self.form.addRow(_tr("Proxy:"), self.proxy_input)
        column = QVBoxLayout(page)
        column.addWidget(self.details_intro)
        column.addLayout(self.form)
        test_row = QHBoxLayout()
        test_row.addStretch(1)
        test_row.addWidget(self.test_button)
        column.addLayout(test_row)
        column.addStretch(1)

        self.rescan_button.clicked.connect(self._scan_servers)
        self.test_button.clicked.connect(self.test_connection)
        self.server_picker.currentIndexChanged.connect(self._server_chosen)
        for field in (self.key_input, self.base_url_input, self.proxy_input, self.name_input):
            field.textChanged.connect(self._clear_status)
        return page

    def _line(self: WelcomeDialog, name: str, accessible: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(name)
        line.setAccessibleName(accessible)
        return line
