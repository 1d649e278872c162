"""The installed leadsieve version, recorded with every fit."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("leadsieve")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"
