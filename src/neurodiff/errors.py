"""The errors neurodiff raises on purpose.

::

    NeurodiffError            anything the user (or the knowledge base author) can fix
     ├── InvalidCaseError     a case, file or request body that is malformed
     │    └── UnknownTermError   a finding id or HPO id the knowledge base does not know
     └── KnowledgeError       the knowledge base itself is inconsistent

Every message names the field and the problem in one line. The CLI maps these
to exit code 2 and the API to HTTP 422; any other exception is a bug.
"""

from __future__ import annotations


class NeurodiffError(Exception):
    """Base class: a problem the user can fix, described in one line."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}" if field else message)


class InvalidCaseError(NeurodiffError):
    """A case, input file or request body is malformed."""


class UnknownTermError(InvalidCaseError):
    """A finding id or ontology term is not known to the knowledge base or the ontology."""


class KnowledgeError(NeurodiffError):
    """The knowledge base is inconsistent (raised at load or by `knowledge validate`)."""
