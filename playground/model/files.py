"""Plain types of the files and vector stores the user keeps on the platform, and the limits
an upload is checked against before anything is sent.

The figures come from the API's own documentation, never guesses:
- 512 MB per file: the SDK's `files.create` docstring ("Individual files can be up to 512 MB").
- The extensions file search takes: the "Supported files" table of the file search guide
  (https://developers.openai.com/api/docs/assistants/tools/file-search, the same list the
  Responses file search tool uses); other types are refused when added to a vector store.
- Purposes: `openai.types.FilePurpose`; expiry: 3600..2592000 s (`file_create_params`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_FILE_TEXT = "512 MB"
PURPOSES = ("assistants", "user_data", "batch", "fine-tune", "vision", "evals")
FILE_SEARCH_PURPOSE = "assistants"  # what files for file search are uploaded as
FILE_SEARCH_EXTENSIONS = (".c", ".cpp", ".cs", ".css", ".doc", ".docx", ".go", ".html",
                          ".java", ".js", ".json", ".md", ".pdf", ".php", ".pptx", ".py",
                          ".rb", ".sh", ".tex", ".ts", ".txt")
MIN_EXPIRY_SECONDS = 3600
MAX_EXPIRY_SECONDS = 30 * 24 * 3600
GIB = 1024 ** 3  # the platform bills storage in binary gigabytes


@dataclass(frozen=True)
class StoredFile:
    """One file uploaded to the platform (GET /files)."""

    id: str
    filename: str
    bytes: int
    purpose: str
    created_at: int  # Unix seconds
    expires_at: int | None = None


@dataclass(frozen=True)
class FileCounts:
    completed: int = 0
    in_progress: int = 0
    failed: int = 0
    cancelled: int = 0
    total: int = 0


@dataclass(frozen=True)
class VectorStoreInfo:
    """One vector store: `status` in_progress (files still being processed), completed
    (ready) or expired."""

    id: str
    name: str
    status: str
    usage_bytes: int = 0
    file_counts: FileCounts = field(default_factory=FileCounts)
    created_at: int = 0
    expires_at: int | None = None
    expires_after_days: int | None = None  # days after last use
    last_active_at: int | None = None

    @property
    def processing(self) -> bool:
        return self.status == "in_progress" or self.file_counts.in_progress > 0


@dataclass(frozen=True)
class StoreFile:
    """A file attached to a vector store; `error` says why processing failed ("" if none)."""

    file_id: str
    vector_store_id: str
    status: str  # in_progress | completed | cancelled | failed
    usage_bytes: int = 0
    error: str = ""


class FileRejected(ValueError):
    """An upload or attachment refused before anything was sent; the message says why."""


def file_search_accepts(filename: str) -> bool:
    return PurePath(filename).suffix.lower() in FILE_SEARCH_EXTENSIONS


def accepted_types_text() -> str:
    return ", ".join(FILE_SEARCH_EXTENSIONS)


def size_text(size: int) -> str:
    """Bytes as people read them: 812 B, 4.2 KB, 13.5 MB, 1.20 GB (binary units)."""
    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.2f} GB"


def upload_problem(filename: str, size: int, *, for_file_search: bool) -> str | None:
    """Why the API would refuse this upload, or None: checked before a byte is sent."""
    name = PurePath(filename).name
    if size > MAX_FILE_BYTES:
        return (f"“{name}” is {size_text(size)}; the API accepts files up to "
                f"{MAX_FILE_TEXT}.")
    if size == 0:
        return f"“{name}” is empty; the API does not accept empty files."
    if for_file_search and not file_search_accepts(name):
        return attach_problem(name)
    return None


def attach_problem(filename: str) -> str | None:
    """Why file search would refuse this file type, or None."""
    if file_search_accepts(filename):
        return None
    suffix = PurePath(filename).suffix.lower() or "(no extension)"
    return (f"File search does not take {suffix} files (“{PurePath(filename).name}”). "
            f"Accepted types: {accepted_types_text()}.")
