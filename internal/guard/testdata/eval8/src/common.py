"""Helpers shared by the per-language modules of eval8."""


def R(text, note, prev=None):
    """An agent message that asks the customer for a secret."""
    return ("request", text, note, prev)


def H(text, note, prev=None):
    """An honest agent message (asks for nothing secret)."""
    return ("honest", text, note, prev)
