"""tracker: commodity prices from market reviews.

Heavy dependencies (pandas, matplotlib) are imported only where they are used, so that
`tracker --help` and `tracker extract` start fast.
"""
from tracker.errors import DocumentError, StoreError, TrackerError
from tracker.observation import Observation

__all__ = ["DocumentError", "Observation", "Store", "StoreError", "TrackerError", "extract_text"]
__version__ = "0.1.0"


def __getattr__(name):  # lazy re-exports keep `import tracker` cheap
    if name == "Store":
        from tracker.store import Store

        return Store
    if name == "extract_text":
        from tracker.extract import extract_text

        return extract_text
    raise AttributeError(name)
