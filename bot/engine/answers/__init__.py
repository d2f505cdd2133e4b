"""One answerer per kind of answer; each takes the :class:`~bot.engine.library.Library` and
the parsed question (or what it needs of them) and returns an :class:`Answer`."""
