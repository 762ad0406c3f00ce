"""The file search tool of the Responses API, as the chat asks for it: which vector stores
to search and how many chunks at most. Plain; `api/responses_params.add_file_search` turns
it into the request's tool entry."""

from __future__ import annotations

from dataclasses import dataclass

MAX_RESULTS_LIMIT = 50  # the API's range for max_num_results is 1..50


@dataclass(frozen=True)
class FileSearchTool:
    vector_store_ids: tuple[str, ...]
    max_num_results: int | None = None  # None: the API's default (up to 20 chunks)

    def __post_init__(self) -> None:
        if self.max_num_results is not None and not \
                1 <= self.max_num_results <= MAX_RESULTS_LIMIT:
            raise ValueError(f"max_num_results must be 1..{MAX_RESULTS_LIMIT}, "
                             f"not {self.max_num_results}")
