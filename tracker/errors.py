"""Library exceptions. The CLI turns them into messages and exit codes; the library never prints."""


class TrackerError(Exception):
    """Base class for errors a user can act on."""


class DocumentError(TrackerError):
    """A document could not be read or dated. The message names the file and the reason."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class StoreError(TrackerError):
    """The store cannot be opened or written (not a tracker store, newer schema, locked...)."""


class SelectionError(TrackerError):
    """A name given to select prices (commodity, publisher, series) matches nothing stored."""
