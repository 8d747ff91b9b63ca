"""Library exceptions. The CLI turns them into messages and exit codes; the library never prints."""


class TrackerError(Exception):
    """Base class for errors a user can act on."""


class DocumentError(TrackerError):
    """A document could not be read, dated or extracted. str() names the file and the reason.

    `reason` says what is wrong without naming the file; `remedy` names the library argument that
    would get the document through ("date_override", "max_size"), so a caller can word its own hint;
    `details` holds the traceback of an unexpected failure.
    """

    def __init__(self, path: str, reason: str, remedy: str | None = None, details: str | None = None):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.remedy = remedy
        self.details = details

    def __reduce__(self):
        # worker processes send these back pickled; the default would call __init__ with the message alone
        return type(self), (self.path, self.reason, self.remedy, self.details)


class OutputError(TrackerError):
    """An output cannot be written as asked (several charts for one .png file)."""


class StoreError(TrackerError):
    """The store cannot be opened or written (not a tracker store, newer schema, locked...)."""


class SelectionError(TrackerError):
    """A name given to select prices (commodity, publisher, series) matches nothing stored."""


class ConversionError(TrackerError):
    """Prices cannot be converted as asked: no FX rate on or before a price's date, no metal content."""
