"""Edit connection profiles: OpenAI, a relay, or a local server; proxy, timeout, retries."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from playground.model.types import DEFAULT_BASE_URL, Profile
from playground.storage.profiles import (
    InvalidProfile,
    ProfileStore,
    delete_profile,
    rename_profile,
    validate_profile,
)
from playground.storage.secrets import SecretStore, SecretsUnavailable
from playground.ui.async_slot import async_slot

# Where common servers listen; the user can still type any URL.
PRESETS = (
    ("OpenAI", DEFAULT_BASE_URL),
    ("Ollama", "http://localhost:11434/v1"),
    ("LM Studio", "http://localhost:1234/v1"),
    ("llama.cpp server", "http://localhost:8080/v1"),
    ("vLLM", "http://localhost:8000/v1"),
    ("faster-whisper-server", "http://localhost:8000/v1"),
)


class ProfileDialog(QDialog):
    profilesChanged = Signal()

    def __init__(self, store: ProfileStore, secrets: SecretStore,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileDialog")
        self.setWindowTitle(self.tr("Profiles"))
        self._store = store
        self._secrets = secrets
        self._current: str | None = None  # name of the profile being edited; None = new

        self.list = QListWidget()
        self.list.setObjectName("profileList")
        self.list.setAccessibleName(self.tr("Profiles"))
        self.new_button = QPushButton(self.tr("New"))
        self.new_button.setObjectName("newProfileButton")
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setObjectName("deleteProfileButton")
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        left.addLayout(row)

        self.name = self._line("profileName", self.tr("Name"))
        self.preset = QComboBox()
        self.preset.setObjectName("profilePreset")
        self.preset.setAccessibleName(self.tr("Server preset"))
        self.preset.addItem(self.tr("Choose a preset…"), "")
        for label, url in PRESETS:
            self.preset.addItem(f"{label} — {url}", url)
        self.base_url = self._line("profileBaseUrl", self.tr("Base URL"))
        self.base_url.setPlaceholderText(DEFAULT_BASE_URL)
        self.organization = self._line("profileOrganization", self.tr("Organization"))
        self.organization.setPlaceholderText(self.tr("Optional, org-…"))
        self.project = self._line("profileProject", self.tr("Project"))
        self.project.setPlaceholderText(self.tr("Optional, proj_…"))
        self.proxy = self._line("profileProxy", self.tr("Proxy"))
        self.proxy.setPlaceholderText(self.tr("Optional: http://host:port or socks5://host:port"))
        self.timeout = QDoubleSpinBox()
        self.timeout.setObjectName("profileTimeout")
        self.timeout.setAccessibleName(self.tr("Timeout in seconds"))
        self.timeout.setRange(1, 3600)
        self.timeout.setDecimals(0)
        self.timeout.setSuffix(self.tr(" s"))
        self.retries = QSpinBox()
        self.retries.setObjectName("profileRetries")
        self.retries.setAccessibleName(self.tr("Maximum retries"))
        self.retries.setRange(0, 10)

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Server"), self.preset)
        form.addRow(self.tr("Base URL"), self.base_url)
        form.addRow(self.tr("Organization"), self.organization)
        form.addRow(self.tr("Project"), self.project)
        form.addRow(self.tr("Proxy"), self.proxy)
        form.addRow(self.tr("Timeout"), self.timeout)
        form.addRow(self.tr("Retries"), self.retries)
        self.problems = QLabel()
        self.problems.setObjectName("profileProblems")
        self.problems.setWordWrap(True)
        note = QLabel(self.tr("Keys are set per profile with “API key…” and kept in the system "
                              "keyring. Without a proxy here, HTTPS_PROXY / ALL_PROXY from the "
                              "environment are used."))
        note.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveProfileButton")
        self.save_button.setDefault(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.problems)
        right.addWidget(note)
        right.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        right.addLayout(buttons)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 2)
        self.resize(720, 420)

        self.list.currentTextChanged.connect(self._show)
        self.preset.activated.connect(self._apply_preset)
        self.new_button.clicked.connect(self._new)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self._confirm_delete)
        self._refill(store.active_name())

    def _line(self, name: str, accessible: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        return edit

    def _refill(self, select: str | None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems(self._store.names())
        self.list.blockSignals(False)
        matches = self.list.findItems(select or "", Qt.MatchFlag.MatchExactly)
        if matches:
            self.list.setCurrentItem(matches[0])
        elif self.list.count():
            self.list.setCurrentRow(0)
        self._show(self.list.currentItem().text() if self.list.currentItem() else "")

    def _show(self, name: str) -> None:
        profile = self._store.get(name) or Profile(name="")
        self._current = profile.name or None
        self.name.setText(profile.name)
        self.base_url.setText(profile.base_url)
        self.organization.setText(profile.organization)
        self.project.setText(profile.project)
        self.proxy.setText(profile.proxy)
        self.timeout.setValue(profile.timeout)
        self.retries.setValue(profile.max_retries)
        self.problems.setText("")
        self.delete_button.setEnabled(self._current is not None and self.list.count() > 1)

    def _new(self) -> None:
        self.list.clearSelection()
        self._current = None
        self._show_blank()

    def _show_blank(self) -> None:
        blank = Profile(name="")
        self.name.setText("")
        self.base_url.setText(blank.base_url)
        for edit in (self.organization, self.project, self.proxy):
            edit.setText("")
        self.timeout.setValue(blank.timeout)
        self.retries.setValue(blank.max_retries)
        self.problems.setText(self.tr("New profile: fill in a name and the server."))
        self.name.setFocus()

    def _apply_preset(self, index: int) -> None:
        url = self.preset.itemData(index)
        if url:
            self.base_url.setText(url)
            if not self.name.text().strip():
                self.name.setText(self.preset.itemText(index).split(" — ")[0])

    def _profile_from_form(self) -> Profile:
        return Profile(name=self.name.text(), base_url=self.base_url.text(),
                       organization=self.organization.text(), project=self.project.text(),
                       proxy=self.proxy.text(), timeout=self.timeout.value(),
                       max_retries=self.retries.value())

    @async_slot()
    async def save(self) -> None:
        profile = self._profile_from_form()
        others = [n for n in self._store.names() if n != self._current]
        problems = validate_profile(profile, others)
        if problems:
            self.problems.setText("\n".join(p.message for p in problems))
            return
        self.save_button.setEnabled(False)
        try:
            if self._current is not None and profile.name.strip() != self._current:
                await rename_profile(self._store, self._secrets, self._current, profile.name)
            stored = self._store.save(profile, is_new=self._current is None)
            if self._current is None or self._current == self._store.active_name():
                self._store.set_active(stored.name)
        except InvalidProfile as exc:
            self.problems.setText("\n".join(p.message for p in exc.problems))
            return
        except SecretsUnavailable as exc:
            self.problems.setText(self.tr("The key could not be moved to the new name: %1")
                                  .replace("%1", str(exc)))
            return
        finally:
            self.save_button.setEnabled(True)
        self._refill(stored.name)
        self.problems.setText(self.tr("Saved."))
        self.profilesChanged.emit()

    def _confirm_delete(self) -> None:
        if self._current is None:
            return
        from playground.ui.confirm import confirm

        confirm(self, self.tr("Delete profile"),
                self.tr("Delete the profile “%1” and its API key from the keyring?")
                .replace("%1", self._current), self.tr("Delete"), self.delete)

    @async_slot()
    async def delete(self) -> None:
        if self._current is None or self.list.count() <= 1:
            return
        try:
            await delete_profile(self._store, self._secrets, self._current)
        except SecretsUnavailable as exc:
            self.problems.setText(self.tr("The profile's key could not be removed from the "
                                          "keyring, so the profile was kept: %1")
                                  .replace("%1", str(exc)))
            return
        self._refill(self._store.active_name())
        self.profilesChanged.emit()

