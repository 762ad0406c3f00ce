"""Import a module on first attribute use, so startup does not pay for it before first paint.

`asyncio = lazy_module("asyncio")` behaves like `import asyncio` except that the import
happens at the first `asyncio.something`. Uses the standard library's importlib.LazyLoader.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy_module(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module
