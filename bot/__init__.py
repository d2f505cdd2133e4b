"""safeguarding-bot: answers practitioners' safeguarding questions from a partnership's annual report."""

__version__ = "0.1.0"
